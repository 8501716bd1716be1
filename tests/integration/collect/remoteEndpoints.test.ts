import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { PollFailure } from "@/lib/collect/pollFailure";
import { engineGet } from "@/tests/support/engineCli";
import { makeTlsFiles, startSshd } from "@/tests/support/remoteAccess";
// @ts-expect-error plain ESM script shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "@/scripts/test-env/privateDockerd.mjs";
import { freePort } from "../../support/freePort";

describe("tcp:// with TLS and ssh:// endpoints, against real daemons", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-remote-"));
  let tls: ReturnType<typeof makeTlsFiles>;
  let tlsEndpoint: string;
  let sshd: Awaited<ReturnType<typeof startSshd>>;
  let sshEndpoint: string;

  beforeAll(async () => {
    tls = makeTlsFiles(path.join(root, "certs"));
    // TLS files are taken only from under BALLAST_TLS_DIR (lib/collect/endpointSafety.ts).
    process.env.BALLAST_TLS_DIR = root;
    const port = await freePort();
    await startPrivateDockerd(path.join(root, "tls-dockerd"), {
      extraArgs: ["--tlsverify", `--tlscacert=${tls.ca}`, `--tlscert=${tls.serverCert}`, `--tlskey=${tls.serverKey}`, "-H", `tcp://127.0.0.1:${port}`],
    });
    tlsEndpoint = `tcp://127.0.0.1:${port}`;
    const sshPort = await freePort();
    sshd = await startSshd(path.join(root, "ssh"), sshPort, inject("dockerHost"));
    sshEndpoint = `ssh://root@127.0.0.1:${sshPort}`;
  });

  afterAll(async () => {
    delete process.env.BALLAST_SSH_KNOWN_HOSTS;
    delete process.env.BALLAST_TLS_DIR;
    sshd?.stop();
    await stopPrivateDockerd(path.join(root, "tls-dockerd"));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("collects over mutual TLS", async () => {
    const endpoint = parseEndpoint(tlsEndpoint, { caPath: tls.ca, certPath: tls.clientCert, keyPath: tls.clientKey, verify: true });
    const snapshot = await collectSnapshot(createEngineClient(endpoint));
    expect(snapshot.engine.dataRoot).toContain("tls-dockerd");
  });

  it("fails with a tls error when the server's certificate is not from the given CA", async () => {
    const endpoint = parseEndpoint(tlsEndpoint, { caPath: tls.otherCa, certPath: tls.clientCert, keyPath: tls.clientKey, verify: true });
    const error = await collectSnapshot(createEngineClient(endpoint, { timeoutMs: 10_000, maxResponseBytes: 1 << 20 })).catch((e) => e);
    expect(error).toBeInstanceOf(PollFailure);
    expect((error as PollFailure).code).toBe("tls");
  });

  it("fails cleanly when plain tcp meets a TLS-only daemon", async () => {
    const error = await collectSnapshot(createEngineClient(parseEndpoint(tlsEndpoint), { timeoutMs: 10_000, maxResponseBytes: 1 << 20 })).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(["tls", "engine_error", "not_docker", "unreachable", "refused"]).toContain((error as PollFailure).code ?? "engine_error");
  });

  it("refuses an ssh:// host whose key is not in known_hosts", async () => {
    process.env.SSH_AUTH_SOCK = sshd.agentSocket;
    process.env.BALLAST_SSH_KNOWN_HOSTS = path.join(root, "empty_known_hosts");
    const error = await collectSnapshot(createEngineClient(parseEndpoint(sshEndpoint), { timeoutMs: 20_000, maxResponseBytes: 1 << 20 })).catch((e) => e);
    expect(error).toBeInstanceOf(PollFailure);
    expect((error as PollFailure).code).toBe("host_key");
  });

  it("collects over ssh:// with the SSH agent and a known host key, as the Docker CLI does", async () => {
    process.env.SSH_AUTH_SOCK = sshd.agentSocket;
    process.env.BALLAST_SSH_KNOWN_HOSTS = sshd.knownHosts;
    const snapshot = await collectSnapshot(createEngineClient(parseEndpoint(sshEndpoint)));
    const df = (await engineGet(inject("dockerHost"), "/system/df")) as { LayersSize: number };
    expect(snapshot.layersSizeBytes).toBe(df.LayersSize);
  });
});
