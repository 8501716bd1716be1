import { describe, expect, it } from "vitest";
import { nextPollDelayMs } from "@/lib/analysis/pollBackoff";
import { statusAfterPoll, statusSinceAfter } from "@/lib/analysis/hostStatus";

describe("nextPollDelayMs", () => {
  it("waits the interval after a good poll, whatever the random draw", () => {
    expect(nextPollDelayMs(300, 0, 0)).toBe(300_000);
    expect(nextPollDelayMs(300, 0, 0.99)).toBe(300_000);
  });

  it("doubles with each failure in a row, up to the cap", () => {
    const mid = (n: number) => nextPollDelayMs(60, n, 0.5, { maxSec: 600, jitter: 0.2 });
    expect([1, 2, 3, 4, 5, 6, 20].map(mid)).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000]);
  });

  it("spreads a retry by the jitter and never past the cap", () => {
    const settings = { maxSec: 600, jitter: 0.2 };
    expect(nextPollDelayMs(60, 2, 0, settings)).toBe(96_000);
    expect(nextPollDelayMs(60, 2, 0.999999, settings)).toBe(144_000);
    expect(nextPollDelayMs(60, 10, 0.999999, settings)).toBe(600_000);
    expect(nextPollDelayMs(60, 10, 0, settings)).toBe(480_000);
  });

  it("never waits less than the interval for a host polled rarely", () => {
    expect(nextPollDelayMs(7200, 3, 0.5, { maxSec: 600, jitter: 0 })).toBe(7_200_000);
  });
});

describe("host status", () => {
  it("says unreachable when the engine was never reached, degraded when it answered badly", () => {
    expect(statusAfterPoll(null)).toBe("ok");
    for (const code of ["dns", "refused", "unreachable", "timeout", "tls", "host_key"]) expect(statusAfterPoll(code)).toBe("unreachable");
    for (const code of ["engine_error", "invalid_response", "too_large", "not_docker", "auth", "unsupported_api"])
      expect(statusAfterPoll(code)).toBe("degraded");
  });

  it("keeps statusSince while the status stays the same", () => {
    const since = new Date("2026-01-01T10:00:00Z");
    const now = new Date("2026-01-01T11:00:00Z");
    expect(statusSinceAfter({ status: "unreachable", statusSince: since }, "unreachable", now)).toBe(since);
    expect(statusSinceAfter({ status: "ok", statusSince: since }, "unreachable", now)).toBe(now);
  });
});
