import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { POST as addHost } from "@/app/api/hosts/route";
import { pollHost } from "@/lib/poller/pollHost";
import { createHost } from "@/lib/store/hosts";
import { jsonOf, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The attack list's endpoints, each refused before any connection: the test watches every socket
// connect in this process and requires none (these addresses are never dialled, not even to be refused).

describe("refused endpoints are never dialled", () => {
  let cleanup: () => Promise<void>;
  const connect = vi.spyOn(net.Socket.prototype, "connect");
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterEach(() => connect.mockClear());
  afterAll(async () => {
    connect.mockRestore();
    await cleanup();
  });

  it.each([
    [{ endpoint: "tcp://169.254.169.254:80" }, "refused_endpoint"],
    [{ endpoint: "tcp://[fd00:ec2::254]:80" }, "refused_endpoint"],
    [{ endpoint: "https://169.254.169.254:9443", agent: { token: "t".repeat(32), fingerprint: "AA:".repeat(31) + "AA" } }, "refused_endpoint"],
    [{ endpoint: "unix:///etc/passwd" }, "refused_endpoint"],
    [{ endpoint: "tcp://127.0.0.1:2376", tls: { caPath: "/etc/shadow", certPath: "/etc/shadow", keyPath: "/etc/shadow" } }, "invalid_tls"],
    [{ endpoint: "ssh://ops%0d%0aProxyCommand=x@127.0.0.1" }, "invalid_endpoint"],
  ])("POST /api/hosts %j → 400 %s, no connection", async (input, code) => {
    const answer = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name: "hostile", ...input } })));
    expect([answer.status, answer.body.error.code]).toEqual([400, code]);
    expect(JSON.stringify(answer.body)).not.toMatch(/ENOENT|EACCES|no such file/i);
    expect(connect).not.toHaveBeenCalled();
  });

  it("a stored host with a metadata address (from before these checks) fails its poll as bad_endpoint without dialling", async () => {
    // On this thread, where the spy watches every connect (polls otherwise run in the store worker, with the same checks).
    process.env.BALLAST_WORKERS = "off";
    onTestFinished(() => void delete process.env.BALLAST_WORKERS);
    const host = await createHost({ name: "old-metadata", endpoint: "tcp://169.254.169.254:80", tls: null, pollIntervalSec: 300 });
    const result = await pollHost(host);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure.code).toBe("bad_endpoint");
    expect(connect).not.toHaveBeenCalled();
  });
});
