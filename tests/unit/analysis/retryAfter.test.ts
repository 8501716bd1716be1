import { describe, expect, it } from "vitest";
import { retryAfterSec } from "@/lib/analysis/retryAfter";

describe("retryAfterSec (the sign-in window rule)", () => {
  const minute = 60_000;
  const window = 10 * minute;
  it("allows while fewer than the limit are inside the window", () => {
    expect(retryAfterSec([], 3, window, 0)).toBe(0);
    expect(retryAfterSec([5 * minute, 4 * minute], 3, window, 6 * minute)).toBe(0);
    // Old events do not count.
    expect(retryAfterSec([11 * minute, 0, 0], 3, window, 11 * minute)).toBe(0);
  });
  it("waits until the oldest of the newest `limit` leaves the window, never longer than the window", () => {
    expect(retryAfterSec([3 * minute, 2 * minute, 1 * minute], 3, window, 3 * minute)).toBe(8 * 60);
    expect(retryAfterSec([3 * minute, 3 * minute, 3 * minute], 3, window, 3 * minute)).toBe(10 * 60);
    expect(retryAfterSec([3 * minute, 2 * minute, 1 * minute], 3, window, 11 * minute - 1)).toBe(1);
  });
});
