import type { Socket } from "node:net";
import { PollFailure } from "./pollFailure";

// Many small GETs at once over a few connections, HTTP/1.1 pipelined: each connection is sent its whole
// share of requests in one write, and the answers come back in order (the engine's Go HTTP server serves
// a connection's requests one after another). A cold poll of a 1,251-image host makes ~1,250 inspect and
// history requests: one request at a time per connection through node:http cost Ballast ~200 ms of CPU
// (request objects, header parsing, a write and a wake-up of the engine per request; measured on Docker
// 28.5 with 32 connections), pipelined ~30 ms, and the engine somewhat less too (issue 14).
//
// Only answers with Content-Length or chunked bodies are read (Docker's always are). Anything else, or a
// connection closed before all its answers, fails the remaining requests with PipelineBroken: the caller
// sends those again one by one, as before.

export type PipelinedAnswer = { status: number; body: Buffer };

/** The connection broke or spoke HTTP this reader does not read: send the unanswered requests another way. */
export class PipelineBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PipelineBroken";
  }
}

export type PipelineOptions = {
  /** Opens one connection to the engine (a unix socket or plain TCP to the checked address). */
  connect: () => Socket;
  /** Host header value. */
  host: string;
  connections: number;
  /** Largest body accepted for a path. */
  capFor: (path: string) => number;
  /** No answer for this long on a connection: it fails with `timeout`. */
  timeoutMs: number;
  signal?: AbortSignal;
  display: string;
};

const HEAD_CAP = 64 * 1024;
const CRLF2 = Buffer.from("\r\n\r\n");

type Slot = { resolve: (answer: PipelinedAnswer) => void; reject: (error: Error) => void };

/** Reads pipelined HTTP/1.1 answers from one connection, in order, into `slots`. */
function readAnswers(socket: Socket, paths: string[], slots: Slot[], options: PipelineOptions): void {
  let buffer: Buffer = Buffer.alloc(0);
  let next = 0;
  let done = false;
  const failRest = (error: Error) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    for (let i = next; i < slots.length; i += 1) slots[i].reject(error);
    socket.destroy();
  };
  const onAbort = () => failRest(options.signal?.reason instanceof Error ? options.signal.reason : new Error("aborted"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const timeout = () => failRest(new PollFailure("timeout", `${options.display} did not answer ${paths[next]} within ${options.timeoutMs / 1000} s`));
  let timer = setTimeout(timeout, options.timeoutMs);

  /** One whole answer at the start of `buffer`: its status, body and length; null if not all of it is here yet. */
  const parseOne = (): { status: number; body: Buffer; length: number; close: boolean } | null => {
    const headEnd = buffer.indexOf(CRLF2);
    if (headEnd < 0) {
      if (buffer.length > HEAD_CAP) throw new PipelineBroken("answer head too long");
      return null;
    }
    const head = buffer.toString("latin1", 0, headEnd);
    const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (!statusLine) throw new PipelineBroken("not an HTTP/1.1 answer");
    const status = Number(statusLine[1]);
    if (status < 200) throw new PipelineBroken(`interim answer ${status}`);
    const header = (name: string) => new RegExp(`\r\n${name}:[ \t]*([^\r\n]*)`, "i").exec(head)?.[1].trim() ?? null;
    const close = /(^|,)\s*close\s*(,|$)/i.test(header("connection") ?? "");
    const cap = status >= 300 ? 64 * 1024 : options.capFor(paths[next]);
    const tooLarge = () => new PollFailure("too_large", `${options.display} sent more than ${cap} bytes in one answer; refusing to read it`);
    const start = headEnd + 4;
    const declared = header("content-length");
    if (declared !== null) {
      const size = Number(declared);
      if (!/^\d+$/.test(declared) || !Number.isSafeInteger(size)) throw new PipelineBroken("bad content-length");
      if (size > cap) throw tooLarge();
      if (buffer.length < start + size) return null;
      return { status, body: buffer.subarray(start, start + size), length: start + size, close };
    }
    if (status === 204 || status === 304) return { status, body: Buffer.alloc(0), length: start, close };
    if (!/^chunked$/i.test(header("transfer-encoding") ?? "")) throw new PipelineBroken("answer without a length");
    const parts: Buffer[] = [];
    let total = 0;
    let at = start;
    for (;;) {
      const lineEnd = buffer.indexOf("\r\n", at);
      if (lineEnd < 0) return null;
      const size = parseInt(buffer.toString("latin1", at, lineEnd).split(";")[0], 16);
      if (!Number.isSafeInteger(size) || size < 0) throw new PipelineBroken("bad chunk size");
      total += size;
      if (total > cap) throw tooLarge();
      if (size === 0) {
        // No trailers from Docker: the last chunk is followed by an empty line.
        if (buffer.length < lineEnd + 4) return null;
        if (buffer.toString("latin1", lineEnd + 2, lineEnd + 4) !== "\r\n") throw new PipelineBroken("chunk trailers");
        return { status, body: parts.length === 1 ? parts[0] : Buffer.concat(parts), length: lineEnd + 4, close };
      }
      if (buffer.length < lineEnd + 2 + size + 2) return null;
      parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  };

  socket.on("data", (chunk: Buffer) => {
    if (done) return;
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    try {
      for (;;) {
        const answer = parseOne();
        if (!answer) break;
        // Copied out of the shared read buffer, which is let go of once every answer in it is read.
        slots[next].resolve({ status: answer.status, body: Buffer.from(answer.body) });
        next += 1;
        buffer = buffer.subarray(answer.length);
        clearTimeout(timer);
        if (next === slots.length) {
          done = true;
          options.signal?.removeEventListener("abort", onAbort);
          socket.end();
          return;
        }
        if (answer.close) throw new PipelineBroken("the engine closed the connection");
        timer = setTimeout(timeout, options.timeoutMs);
      }
    } catch (error) {
      failRest(error as Error);
    }
  });
  socket.on("error", (error) => failRest(new PipelineBroken(error.message)));
  socket.on("close", () => failRest(new PipelineBroken("the connection closed before every answer")));
}

/**
 * GETs `paths` (full request targets) over `options.connections` connections, pipelined; answers in the
 * order of `paths`. Each answer's promise fails on its own: PollFailure (timeout, too_large, the
 * client's abort reason) or PipelineBroken (send it again another way).
 */
export function pipelinedGets(paths: string[], options: PipelineOptions): Promise<PipelinedAnswer>[] {
  const answers: Promise<PipelinedAnswer>[] = [];
  const slots: Slot[] = [];
  for (let i = 0; i < paths.length; i += 1) {
    answers.push(new Promise<PipelinedAnswer>((resolve, reject) => slots.push({ resolve, reject })));
    answers[i].catch(() => undefined);
  }
  const connections = Math.max(1, Math.min(options.connections, paths.length));
  const per = Math.ceil(paths.length / connections);
  for (let start = 0; start < paths.length; start += per) {
    const share = paths.slice(start, start + per);
    const socket = options.connect();
    readAnswers(socket, share, slots.slice(start, start + per), options);
    socket.write(share.map((path) => `GET ${path} HTTP/1.1\r\nHost: ${options.host}\r\n\r\n`).join(""));
  }
  return answers;
}
