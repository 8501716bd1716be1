import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { PollFailure } from "@/lib/collect/pollFailure";
import { answerCapFor } from "@/lib/collect/answerCaps";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { sendJson, startFakeEngineServer } from "@/tests/support/fakeEngineServer";
import { hugeLegalEngine } from "@/tests/support/hugeLegalEngine";
import version from "@/tests/fixtures/engines/docker-20.10-overlay2.version.json";

// A FAKE hostile engine on loopback: a real /version, then answers far over each request kind's cap
// (lib/collect/answerCaps.ts). Ballast stops reading at the cap, so memory stays bounded: the peak RSS
// is sampled while it reads and printed (the README quotes it). Below, the largest *legal* poll.

const MiB = 1024 * 1024;

/** Streams `total` bytes of JSON-looking filler, honouring backpressure, until the client goes away. */
const flood =
  (total: number) =>
  (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(MiB, 0x20);
    let sent = 0;
    let gone = false;
    res.on("close", () => (gone = true));
    const pump = () => {
      while (!gone && sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  };

async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T | unknown; growthMb: number }> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  let result: T | unknown;
  try {
    result = await work();
  } catch (error) {
    result = error;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, growthMb: Math.round((peak - base) / MiB) };
}

describe("a FAKE hostile engine cannot make Ballast hold more than a request kind's cap", () => {
  let fake: Awaited<ReturnType<typeof startFakeEngineServer>>;
  beforeAll(async () => {
    fake = await startFakeEngineServer({
      "/version": sendJson(version),
      "/info": flood(2048 * MiB),
      "/system/df": flood(600 * MiB),
      "/images/json": flood(600 * MiB),
      "/containers/json": (_req, res) => void res.writeHead(500, { "content-type": "text/plain" }).end("foreign-service-secret: sk_live_123"),
      "/volumes": sendJson({ message: `${"x".repeat(10_000)}\n\u001b[31mforged line` }, 500),
      // Declares 2 GB and sends nothing: refused on the header, not after reading.
      "/images/declared/json": (_req, res) => void res.writeHead(200, { "content-type": "application/json", "content-length": String(2 ** 31) }).flushHeaders(),
    });
  });
  afterAll(async () => fake?.close());

  it.each([
    ["/info", 1, 64],
    ["/images/json", 16, 120],
    ["/system/df", 32, 200],
  ])("stops reading %s at its cap (%i MiB) with too_large; peak RSS growth stays under %i MB", async (path, capMib, boundMb) => {
    const client = createEngineClient(parseEndpoint(fake.endpoint), { timeoutMs: 60_000, maxResponseBytes: 256 * MiB });
    const { result, growthMb } = await peakRssGrowth(() => client.request("GET", path));
    expect(result).toBeInstanceOf(PollFailure);
    expect((result as PollFailure).code).toBe("too_large");
    expect((result as PollFailure).message).toContain(String(capMib * MiB));
    console.log(`[hostile engine] ${path}: refused at ${capMib} MiB, peak RSS +${growthMb} MB`);
    expect(growthMb).toBeLessThan(boundMb);
  });

  it("refuses an answer whose declared length is over the cap before reading any of it", async () => {
    const client = createEngineClient(parseEndpoint(fake.endpoint), { timeoutMs: 10_000, maxResponseBytes: 256 * MiB });
    const refused = await client.request("GET", "/images/declared/json").catch((e) => e);
    expect([(refused as PollFailure).code, (refused as PollFailure).message]).toEqual(["too_large", expect.stringContaining(String(MiB))]);
  });

  it("never passes on another service's reply body, and cuts an engine's own message to one short line", async () => {
    const client = createEngineClient(parseEndpoint(fake.endpoint), { timeoutMs: 10_000, maxResponseBytes: 256 * MiB });
    const foreign = await client.request("GET", "/containers/json").catch((e: Error) => e);
    expect((foreign as Error).message).not.toContain("sk_live");
    const long = await client.request("GET", "/volumes").catch((e: Error) => e);
    expect((long as Error).message.length).toBeLessThanOrEqual(201);
    expect((long as Error).message).not.toMatch(/[\n\u001b]/);
  });
});

// The largest poll Ballast accepts: a FAKE engine whose every answer is legal (real item shapes from
// Docker 28.5) and just under its cap — /system/df, /images/json and each container inspect. The whole
// collection (read, parse, validate, map to a snapshot; the image facts come from a warm cache as
// they do from the database) is measured and printed; the README quotes it. With the earlier caps
// (128 MiB /system/df, 48 MiB lists, 4 MiB inspects) the same poll grew RSS by about 620 MB.
describe("a FAKE engine's largest legal poll", () => {
  it("is collected whole, and the peak RSS growth stays bounded", async () => {
    const ceiling = 256 * MiB;
    const caps = {
      systemDf: answerCapFor("/system/df", ceiling),
      imagesJson: answerCapFor("/images/json", ceiling),
      containerInspect: answerCapFor("/containers/x/json", ceiling),
    };
    const engine = hugeLegalEngine(caps, 200);
    const fake = await startFakeEngineServer(engine.routes);
    try {
      const client = createEngineClient(parseEndpoint(fake.endpoint), { timeoutMs: 300_000, maxResponseBytes: ceiling });
      const { result, growthMb } = await peakRssGrowth(() => collectSnapshot(client, engine.facts));
      const snapshot = result as Awaited<ReturnType<typeof collectSnapshot>>;
      expect(snapshot.images).toHaveLength(engine.counts.images);
      expect(snapshot.volumes).toHaveLength(engine.counts.volumes);
      expect(snapshot.buildCache).toHaveLength(engine.counts.buildCache);
      expect(snapshot.containers).toHaveLength(engine.counts.containers);
      const mb = (bytes: number) => (bytes / MiB).toFixed(1);
      console.log(
        `[hostile engine] largest legal poll: /system/df ${mb(engine.sizes.systemDf)} MiB, /images/json ${mb(engine.sizes.imagesJson)} MiB, ` +
          `${engine.counts.containers} inspects of ${mb(engine.sizes.containerInspect)} MiB; ${JSON.stringify(engine.counts)}; peak RSS +${growthMb} MB`,
      );
      expect(growthMb).toBeLessThan(450);
    } finally {
      await fake.close();
    }
  });
});
