import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngineClient, EngineHttpError } from "@/lib/collect/engine";
import { PipelineBroken, pipelinedGets } from "@/lib/collect/pipelinedGets";
import { PollFailure } from "@/lib/collect/pollFailure";

// Pipelined GETs (lib/collect/pipelinedGets.ts) against a FAKE HTTP/1.1 server on a private unix socket
// that answers each request line it reads in order, as the engine's Go server does: Content-Length and
// chunked bodies, answers split across reads, a connection closed halfway, caps and deadlines. Through
// engine.ts getMany, whatever the pipeline cannot read is sent again one request at a time.

type Reply = (target: string) => string | null;

const servers: net.Server[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const json = (status: number, body: unknown, chunked = false) => {
  const text = JSON.stringify(body);
  if (!chunked) return `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
  const half = Math.floor(text.length / 2);
  const chunk = (part: string) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`;
  return `HTTP/1.1 ${status} X\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(text.slice(0, half))}${chunk(text.slice(half))}0\r\n\r\n`;
};

/** A server answering every request with `reply(target)`, written a few bytes at a time; null closes the connection. */
async function fakeServer(reply: Reply): Promise<{ socketPath: string; requests: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-pipe-"));
  dirs.push(dir);
  const socketPath = path.join(dir, "fake.sock");
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    let pending = "";
    // The client hangs up on answers it refuses (too large, too late).
    socket.on("error", () => undefined);
    socket.on("data", (data) => {
      pending += data.toString("latin1");
      let end: number;
      while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
        const target = pending.slice(0, end).split(" ")[1];
        pending = pending.slice(end + 4);
        requests.push(target);
        const answer = reply(target);
        if (answer === null) return void socket.destroy();
        // Split mid-answer: the reader must join answers across reads.
        for (let i = 0; i < answer.length; i += 7) socket.write(answer.slice(i, i + 7));
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { socketPath, requests };
}

const options = (socketPath: string, overrides: Partial<Parameters<typeof pipelinedGets>[1]> = {}) => ({
  connect: () => net.connect(socketPath),
  host: "docker",
  connections: 2,
  capFor: () => 1024 * 1024,
  timeoutMs: 2_000,
  display: "unix://fake",
  ...overrides,
});

describe("pipelined GETs", () => {
  it("reads every answer in order, with Content-Length or chunked, over a few connections", async () => {
    const { socketPath, requests } = await fakeServer((target) => json(200, { target }, target.endsWith("/2") || target.endsWith("/5")));
    const paths = Array.from({ length: 9 }, (_, i) => `/v1.51/things/${i}`);
    const answers = await Promise.all(pipelinedGets(paths, options(socketPath, { connections: 3 })));
    expect(answers.map((answer) => JSON.parse(answer.body.toString()).target)).toEqual(paths);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect([...requests].sort()).toEqual([...paths].sort());
  });

  it("fails the answers after a closed connection with PipelineBroken, keeping those before", async () => {
    const { socketPath } = await fakeServer((target) => (target.endsWith("/3") ? null : json(200, { target })));
    const settled = await Promise.allSettled(pipelinedGets(["/a/0", "/a/1", "/a/2", "/a/3", "/a/4"], options(socketPath, { connections: 1 })));
    expect(settled.slice(0, 3).every((result) => result.status === "fulfilled")).toBe(true);
    for (const result of settled.slice(3)) expect(result.status === "rejected" && result.reason).toBeInstanceOf(PipelineBroken);
  });

  it("refuses an answer over its cap with too_large, and one that never comes with timeout", async () => {
    const big = await fakeServer(() => json(200, { filler: "x".repeat(5000) }, true));
    const [tooBig] = await Promise.allSettled(pipelinedGets(["/big"], options(big.socketPath, { capFor: () => 1000 })));
    expect(tooBig.status === "rejected" && tooBig.reason).toMatchObject({ code: "too_large" });
    const silent = await fakeServer(() => "");
    const [late] = await Promise.allSettled(pipelinedGets(["/late"], options(silent.socketPath, { timeoutMs: 200 })));
    expect(late.status === "rejected" && late.reason).toBeInstanceOf(PollFailure);
    expect(late.status === "rejected" && late.reason).toMatchObject({ code: "timeout" });
  });

  it("through getMany: error statuses and broken connections are sent again one by one, and fail as they did", async () => {
    let closed = false;
    const { socketPath, requests } = await fakeServer((target) => {
      if (target.endsWith("/version")) return json(200, { Version: "28.5.2", ApiVersion: "1.51", MinAPIVersion: "1.24" });
      if (target.includes("/gone")) return json(404, { message: "No such image: gone" });
      // The first pipelined connection breaks at its third request; asked again, it answers.
      if (target.endsWith("/images/c/json") && !closed) return ((closed = true), null);
      return json(200, { target });
    });
    const client = createEngineClient({ kind: "unix", socketPath }, { timeoutMs: 2_000, maxResponseBytes: 64 * 1024 * 1024 });
    const paths = ["/images/a/json", "/images/b/json", "/images/c/json", "/images/gone/json", "/images/d/json"];
    const answers = await client.getMany!(paths);
    expect(answers.map((answer) => (answer.ok ? (answer.value as { target: string }).target : null))).toEqual([
      "/v1.51/images/a/json",
      "/v1.51/images/b/json",
      "/v1.51/images/c/json",
      null,
      "/v1.51/images/d/json",
    ]);
    const gone = answers[3];
    expect(!gone.ok && gone.error).toBeInstanceOf(EngineHttpError);
    expect(!gone.ok && (gone.error as EngineHttpError).statusCode).toBe(404);
    // c asked twice (pipelined, then alone), gone twice (its 404 read again one by one).
    expect(requests.filter((target) => target === "/v1.51/images/c/json")).toHaveLength(2);
    expect(requests.filter((target) => target === "/v1.51/images/gone/json")).toHaveLength(2);
  });
});
