import { afterEach, describe, expect, inject, it } from "vitest";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { createEngineClient, EngineHttpError } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { PollFailure } from "@/lib/collect/pollFailure";
import { ENGINE_BASICS, sendJson, startFakeEngineServer, type FakeRoute } from "@/tests/support/fakeEngineServer";
import { engineGet } from "@/tests/support/engineCli";

// Fault injection: what a poll does when an endpoint misbehaves. A fake server stands in for the
// broken engine (ARCHITECTURE: fakes only for fault injection); the TCP case uses a real dockerd.

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function pollFake(routes: Record<string, FakeRoute>, options = { timeoutMs: 2_000, maxResponseBytes: 1024 * 1024 }) {
  const fake = await startFakeEngineServer({ ...ENGINE_BASICS, ...routes });
  close = fake.close;
  return collectSnapshot(createEngineClient(parseEndpoint(fake.endpoint), options)).then(
    () => null,
    (error: unknown) => error,
  );
}

describe("a poll against a misbehaving endpoint fails cleanly", () => {
  it("refuses an answer larger than the cap without buffering it", async () => {
    const huge: FakeRoute = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 32);
      let sent = 0;
      const push = () => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024) res.once("drain", push);
        else res.end();
      };
      push();
    };
    const error = await pollFake({ "/system/df": huge });
    expect(error).toBeInstanceOf(PollFailure);
    expect((error as PollFailure).code).toBe("too_large");
  });

  it("sends a GET once more on a new connection when a pooled one was closed under it, and only once", async () => {
    // The engine (or a proxy in front of it) drops a kept-alive connection: the next request on it dies
    // before any answer. That GET goes again on a fresh connection; a second drop is the poll's failure.
    const served = new WeakMap<object, number>();
    let drops = 0;
    let dropEvery = false;
    const info: FakeRoute = (req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1 || dropEvery) {
        drops += 1;
        return void req.socket.destroy();
      }
      ENGINE_BASICS["/info"](req, res);
    };
    const fake = await startFakeEngineServer({ ...ENGINE_BASICS, "/info": info });
    close = fake.close;
    const client = createEngineClient(parseEndpoint(fake.endpoint), { timeoutMs: 2_000, maxResponseBytes: 1024 * 1024 });
    await client.request("GET", "/info");
    await expect(client.request("GET", "/info")).resolves.toMatchObject({ ID: "FAKE" });
    expect(drops).toBe(1);
    dropEvery = true;
    await expect(client.request("GET", "/info")).rejects.toMatchObject({ code: "unreachable" });
  });

  it("times out an engine that never answers", async () => {
    const error = await pollFake({ "/system/df": () => undefined }, { timeoutMs: 500, maxResponseBytes: 1024 * 1024 });
    expect((error as PollFailure).code).toBe("timeout");
  });

  it("says 'not a Docker engine' for a web server that answers HTML", async () => {
    const html: FakeRoute = (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>hello</html>");
    const error = await pollFake({ "/version": html });
    expect((error as PollFailure).code).toBe("not_docker");
  });

  it("fails with unsupported_api, naming both ranges, when the engine's API versions and Ballast's do not overlap", async () => {
    const seen: string[] = [];
    const old: FakeRoute = (req, res) => (seen.push(req.url ?? ""), sendJson({ Version: "19.03.15", ApiVersion: "1.40", MinAPIVersion: "1.12" })(req, res));
    const error = await pollFake({ "/version": old });
    expect((error as PollFailure).code).toBe("unsupported_api");
    expect((error as Error).message).toMatch(/1\.12–1\.40.*1\.41–1\.52/);
    expect(seen).toEqual(["/version"]);
  });

  it("sends every request after /version under the negotiated /v1.NN prefix", async () => {
    const urls: string[] = [];
    const fake = await startFakeEngineServer({ ...ENGINE_BASICS, "/info": (req, res) => (urls.push(req.url ?? ""), ENGINE_BASICS["/info"](req, res)) });
    close = fake.close;
    const client = createEngineClient(parseEndpoint(fake.endpoint));
    await client.request("GET", "/info");
    expect(urls).toEqual(["/v1.41/info"]);
    expect(await client.api()).toMatchObject({ apiVersion: "1.41", maxApiVersion: "1.41" });
  });

  it("reports the engine's own message when it answers 500 (a df already running)", async () => {
    const error = await pollFake({ "/system/df": sendJson({ message: "a disk usage operation is already running" }, 500) });
    expect(error).toBeInstanceOf(EngineHttpError);
    expect((error as Error).message).toContain("a disk usage operation is already running");
  });

  it("rejects an answer of the wrong shape with invalid_response", async () => {
    const error = await pollFake({ "/system/df": sendJson({ LayersSize: "lots" }) });
    expect((error as PollFailure).code).toBe("invalid_response");
  });
});

describe("tcp:// endpoints", () => {
  it("reads a real dockerd over TCP", async () => {
    const snapshot = await collectSnapshot(createEngineClient(parseEndpoint(inject("secondTcpHost"))));
    const df = (await engineGet(inject("secondDockerHost"), "/system/df")) as { LayersSize: number };
    expect(snapshot.engine.storageDriver).toBe("overlay2");
    expect(snapshot.layersSizeBytes).toBe(df.LayersSize);
    expect(snapshot.engine.id).not.toBe((await collectSnapshot(createEngineClient(parseEndpoint(inject("dockerHost"))))).engine.id);
  });
});

describe("engine errors keep Docker's own words", () => {
  it("a 404 from a real engine is Docker's 'no such image', not 'not a Docker engine'", async () => {
    const client = createEngineClient(parseEndpoint(inject("dockerHost")));
    const error = await client.request("GET", "/images/sha256:0000000000000000000000000000000000000000000000000000000000000000/json").catch((e) => e);
    expect(error).toBeInstanceOf(EngineHttpError);
    expect(error).toMatchObject({ statusCode: 404, message: expect.stringMatching(/no such image/i) });
  });

  it("a 404 without Docker's JSON body means the endpoint is not a Docker engine", async () => {
    const fake = await startFakeEngineServer({ "/version": (_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not Found</h1>") });
    close = fake.close;
    const error = await createEngineClient(parseEndpoint(fake.endpoint))
      .request("GET", "/version")
      .catch((e) => e);
    expect((error as PollFailure).code).toBe("not_docker");
  });
});
