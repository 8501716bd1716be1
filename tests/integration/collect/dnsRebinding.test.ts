import { execFileSync } from "node:child_process";
import type { LookupAddress } from "node:dns";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint, type Endpoint } from "@/lib/collect/endpoint";
import type { Resolver } from "@/lib/collect/endpointSafety";
import { PollFailure } from "@/lib/collect/pollFailure";
import { startAgent, type RunningAgent } from "@/tests/support/agentProcess";
import { makeTlsFiles, startSshd } from "@/tests/support/remoteAccess";
import { startTcpForwarder, type TcpForwarder } from "@/tests/support/tcpForwarder";
// @ts-expect-error plain ESM script shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "@/scripts/test-env/privateDockerd.mjs";
import { freePort } from "../../support/freePort";

// DNS rebinding, in every transport. The endpoints name `localhost`; the resolver the client is given
// answers 127.0.0.5 the first time (where a plain TCP forwarder to the real dockerd / sshd / agent
// listens) and 169.254.169.254 every time after. Nothing listens on 127.0.0.1 or ::1 at that port, so:
// - a request succeeds only if the connection went to the checked 127.0.0.5, not to a second lookup
//   of the name (the system's /etc/hosts says 127.0.0.1);
// - the next client's check sees the metadata address and is refused before any socket connects.
// The rebound address is never dialled: the resolver is only asked by the check, and the test watches
// every socket connect in this process.

const FORWARD_HOST = "127.0.0.5";
const NAME = "localhost";

/** First answer: the forwarder. Every later answer: the cloud metadata address. */
function rebindingResolver(): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<LookupAddress[]> => {
    calls.push(host);
    return calls.length === 1 ? [{ address: FORWARD_HOST, family: 4 }] : [{ address: "169.254.169.254", family: 4 }];
  };
  return Object.assign(resolve, { calls });
}

const OPTIONS = { timeoutMs: 30_000, maxResponseBytes: 64 << 20 };

describe("a host name is connected to at the address that was checked (DNS rebinding)", () => {
  const root = fs.mkdtempSync(path.join(inject("testRoot"), "rebind-"));
  const forwarders: TcpForwarder[] = [];
  const connect = vi.spyOn(net.Socket.prototype, "connect");
  let tls: ReturnType<typeof makeTlsFiles>;
  let tlsPort: number;
  let sshd: Awaited<ReturnType<typeof startSshd>>;
  let sshPort: number;
  let agent: RunningAgent;

  const forward = async (target: { host: string; port: number }) => {
    // A port free on 127.0.0.1 (so nothing answers there) that the forwarder then takes on 127.0.0.5.
    const forwarder = await startTcpForwarder(FORWARD_HOST, await freePort(), target);
    forwarders.push(forwarder);
    return forwarder;
  };

  beforeAll(async () => {
    tls = makeTlsFiles(path.join(root, "certs"));
    process.env.BALLAST_TLS_DIR = root;
    tlsPort = await freePort();
    await startPrivateDockerd(path.join(root, "tls-dockerd"), {
      extraArgs: ["--tlsverify", `--tlscacert=${tls.ca}`, `--tlscert=${tls.serverCert}`, `--tlskey=${tls.serverKey}`, "-H", `tcp://127.0.0.1:${tlsPort}`],
    });
    sshPort = await freePort();
    sshd = await startSshd(path.join(root, "ssh"), sshPort, inject("dockerHost"));
    agent = await startAgent({ dockerHost: inject("dockerHost"), stateDir: path.join(root, "agent") });
  });

  afterAll(async () => {
    connect.mockRestore();
    delete process.env.BALLAST_TLS_DIR;
    delete process.env.BALLAST_SSH_KNOWN_HOSTS;
    await Promise.all(forwarders.map((forwarder) => forwarder.close()));
    sshd?.stop();
    await agent?.stop();
    await stopPrivateDockerd(path.join(root, "tls-dockerd"));
  });

  /** Polls twice with one rebinding resolver: the first client works through 127.0.0.5, the second is refused undialled. */
  async function expectPinned(endpoint: Endpoint, forwarder: TcpForwarder) {
    const resolver = rebindingResolver();
    const client = createEngineClient(endpoint, { ...OPTIONS, resolve: resolver });
    await client.api();
    const info = (await client.request("GET", "/info")) as { ID: string };
    await client.request("GET", "/images/json");
    expect(info.ID).toMatch(/\S/);
    // One lookup for the client's whole life; every connection went through the forwarder at the checked address.
    expect(resolver.calls).toEqual([NAME]);
    expect(forwarder.connections()).toBeGreaterThan(0);

    const before = forwarder.connections();
    connect.mockClear();
    const error = await createEngineClient(endpoint, { ...OPTIONS, resolve: resolver })
      .request("GET", "/info")
      .catch((e) => e);
    expect(error).toBeInstanceOf(PollFailure);
    expect([(error as PollFailure).code, (error as PollFailure).message]).toEqual(["bad_endpoint", expect.stringMatching(/metadata/)]);
    expect(connect).not.toHaveBeenCalled();
    expect(forwarder.connections()).toBe(before);
  }

  it("tcp:// (plain)", async () => {
    const target = new URL(inject("secondTcpHost"));
    const forwarder = await forward({ host: target.hostname, port: Number(target.port) });
    await expectPinned(parseEndpoint(`tcp://${NAME}:${forwarder.port}`), forwarder);
  });

  it("tcp:// with TLS: the certificate is still checked against the name (its SAN has localhost, not 127.0.0.5)", async () => {
    const forwarder = await forward({ host: "127.0.0.1", port: tlsPort });
    const files = { caPath: tls.ca, certPath: tls.clientCert, keyPath: tls.clientKey, verify: true };
    await expectPinned(parseEndpoint(`tcp://${NAME}:${forwarder.port}`, files), forwarder);
    // A CA that did not sign the server's certificate still fails: pinning the address did not turn checks off.
    const other = await createEngineClient(parseEndpoint(`tcp://${NAME}:${forwarder.port}`, { ...files, caPath: tls.otherCa }), {
      ...OPTIONS,
      resolve: async () => [{ address: FORWARD_HOST, family: 4 }],
    })
      .api()
      .catch((e) => e);
    expect((other as PollFailure).code).toBe("tls");
  });

  it("ssh://: ssh2 connects to the checked address, the host key is looked up by the name", async () => {
    const forwarder = await forward({ host: "127.0.0.1", port: sshPort });
    // known_hosts names the host as OpenSSH would look it up for this endpoint: [localhost]:port, not the address.
    const key = execFileSync("ssh-keyscan", ["-p", String(sshPort), "-t", "ed25519", "127.0.0.1"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .trim()
      .split(/\s+/)
      .slice(1)
      .join(" ");
    const knownHosts = path.join(root, "known_hosts_by_name");
    fs.writeFileSync(knownHosts, `[${NAME}]:${forwarder.port} ${key}\n`);
    process.env.SSH_AUTH_SOCK = sshd.agentSocket;
    process.env.BALLAST_SSH_KNOWN_HOSTS = knownHosts;
    await expectPinned(parseEndpoint(`ssh://root@${NAME}:${forwarder.port}`), forwarder);
    // A known_hosts that lists the key only under the address refuses: the check is by name.
    fs.writeFileSync(knownHosts, `[${FORWARD_HOST}]:${forwarder.port} ${key}\n`);
    const error = await createEngineClient(parseEndpoint(`ssh://root@${NAME}:${forwarder.port}`), {
      ...OPTIONS,
      resolve: async () => [{ address: FORWARD_HOST, family: 4 }],
    })
      .api()
      .catch((e) => e);
    expect((error as PollFailure).code).toBe("host_key");
  });

  it("https:// (the agent): the pinned-certificate probe and the requests both go to the checked address", async () => {
    const forwarder = await forward({ host: "127.0.0.1", port: agent.port });
    await expectPinned(parseEndpoint(`https://${NAME}:${forwarder.port}`, null, { token: agent.token, fingerprint: agent.fingerprint }), forwarder);
  });

  it("a name that does not resolve fails as dns, with no connection", async () => {
    connect.mockClear();
    const error = await createEngineClient(parseEndpoint(`tcp://${NAME}:2375`), {
      ...OPTIONS,
      resolve: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      },
    })
      .api()
      .catch((e) => e);
    expect((error as PollFailure).code).toBe("dns");
    expect(connect).not.toHaveBeenCalled();
  });
});
