import { describe, expect, it } from "vitest";
import { hostSummaryBody, publicHost, runBody } from "@/lib/api/publicBodies";
import type { HostDto } from "@/lib/store/hosts";

const host: HostDto = {
  id: "h1",
  name: "prod-1",
  endpoint: "tcp://prod-1.internal:2376",
  tls: { caPath: "/etc/ballast/ca.pem", certPath: "/etc/ballast/cert.pem", keyPath: "/etc/ballast/key.pem", verify: true },
  kind: "engine",
  agent: null,
  enabled: true,
  pollIntervalSec: 300,
  pricePerGbMonth: null,
  createdAt: "2026-12-01T10:00:00.000Z",
  status: "pending",
  statusSince: "2026-12-01T10:00:00.000Z",
  lastError: null,
  failureCount: 0,
  lastPollAt: null,
  nextPollAt: null,
  engineId: null,
  seriesStartedAt: null,
};

describe("public API bodies", () => {
  it("says a host uses TLS without naming its files", () => {
    const body = publicHost(host);
    expect(body.tls).toBe(true);
    expect(JSON.stringify(body)).not.toContain("/etc/ballast");
    expect(publicHost({ ...host, tls: null }).tls).toBe(false);
  });

  it("keeps a field added to the DTO out of the answer until it is mapped on purpose", () => {
    const grown = { ...host, secretToken: "s3cret" } as HostDto;
    expect(JSON.stringify(publicHost(grown))).not.toContain("s3cret");
  });

  it("maps a summary through the same host mapper", () => {
    const body = hostSummaryBody({ host, status: "pending", lastSnapshot: null, lastError: null, lastGoodSnapshot: null, fill: [], snapshotCount: 0 });
    expect(body).toMatchObject({ id: "h1", tls: true, status: "pending", lastGoodSnapshot: null });
    expect(JSON.stringify(body)).not.toContain("key.pem");
  });

  it("answers a run's results with the target's id under `id`, as the API documents", () => {
    const body = runBody({
      id: "r1",
      suggestionId: "s1",
      approvedBy: "admin",
      approvedAt: "2026-12-01T10:00:00.000Z",
      status: "done",
      expectedBytes: 10,
      reclaimedBytes: 10,
      snapshotBeforeId: "a",
      snapshotAfterId: "b",
      results: [{ kind: "volume", targetId: "v1", name: "v1", outcome: "removed", reason: null, bytes: 10 }],
    } as Parameters<typeof runBody>[0]);
    expect(body.results).toEqual([{ kind: "volume", id: "v1", name: "v1", outcome: "removed", reason: null, bytes: 10 }]);
  });
});
