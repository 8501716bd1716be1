import type http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream";
import { BALLAST_VERSION } from "../version";
import { checkEngineRequest } from "./allowList";
import { failedAuthLimiter } from "./failedAuthLimiter";
import type { LocalEngine } from "./localEngine";
import { agentDisk, agentLogs } from "./ownEndpoints";
import { AGENT_PREFIX, AGENT_PROTOCOL, type AgentInfo } from "./protocol";
import { bearerToken, tokenMatches } from "./token";

// The agent's HTTPS server: authenticate → cap the body → the agent's own endpoints or the allow-listed
// Engine API, proxied unchanged. Refusals are logged with method, path and address, never the token.

export type AgentServerOptions = {
  cert: string;
  key: string;
  /** The current token (re-read on SIGHUP by the caller). */
  token: () => string;
  allowActions: boolean;
  engine: LocalEngine;
  containerdRoot: string | null;
  log: (line: string) => void;
};

/** Ballast sends no request bodies; anything above this is refused without reading further. */
export const MAX_BODY_BYTES = 64 * 1024;

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Docker's error shape (`message`) plus our code, so Ballast's engine client reads it like an engine error. */
const refusal = (code: string, message: string) => ({ message, code });

/** Reads and drops a request body up to the cap; false when the body is larger. */
function drainBody(req: http.IncomingMessage): Promise<boolean> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        resolve(false);
      }
    });
    req.on("end", () => resolve(total <= MAX_BODY_BYTES));
    req.on("error", () => resolve(false));
  });
}

const shown = (target: string) => target.split("?")[0].slice(0, 200);

export function createAgentServer(options: AgentServerOptions): https.Server {
  const limiter = failedAuthLimiter();
  const info: AgentInfo = { agent: "ballast-agent", version: BALLAST_VERSION, protocol: AGENT_PROTOCOL, allowActions: options.allowActions };
  const summary = setInterval(() => {
    const suppressed = limiter.takeSuppressed();
    if (suppressed > 0) options.log(`refused 429 ${suppressed} more requests with a missing or wrong token (rate limited)`);
  }, 60_000);
  summary.unref();

  async function own(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    if (req.method !== "GET") return sendJson(res, 403, refusal("not_allowed", `${req.method} ${path} is not on the agent's allow-list`));
    if (path === `${AGENT_PREFIX}/info`) return sendJson(res, 200, info);
    if (path === `${AGENT_PREFIX}/logs`) return sendJson(res, 200, await agentLogs(options.engine));
    if (path === `${AGENT_PREFIX}/disk`) return sendJson(res, 200, await agentDisk(options.engine, options.containerdRoot));
    return sendJson(res, 403, refusal("not_allowed", `GET ${path} is not on the agent's allow-list`));
  }

  async function proxy(req: http.IncomingMessage, res: http.ServerResponse, target: string) {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const upstream = await options.engine.request(req.method ?? "GET", target, abort.signal);
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "content-length", "api-version", "docker-experimental", "ostype", "server"]) {
      const value = upstream.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    res.writeHead(upstream.statusCode ?? 502, headers);
    pipeline(upstream, res, () => undefined);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const target = req.url ?? "/";
    const address = req.socket.remoteAddress ?? "unknown";
    const given = bearerToken(req.headers.authorization);
    if (given === null || !tokenMatches(given, options.token())) {
      if (limiter.fail(address, Date.now()))
        return sendJson(res, 429, refusal("rate_limited", "Too many failed attempts: wait a minute"), { "Retry-After": "60" });
      options.log(`refused 401 ${req.method} ${shown(target)} from ${address}: ${given === null ? "no bearer token" : "wrong token"}`);
      return sendJson(res, 401, refusal("unauthorized", "A valid Authorization: Bearer <token> header is required"), { "WWW-Authenticate": "Bearer" });
    }
    if (!(await drainBody(req))) {
      options.log(`refused 413 ${req.method} ${shown(target)} from ${address}: body over ${MAX_BODY_BYTES} bytes`);
      sendJson(res, 413, refusal("too_large", `Request bodies are capped at ${MAX_BODY_BYTES} bytes`), { Connection: "close" });
      return void req.socket.end();
    }
    const path = target.split("?")[0];
    if (path === AGENT_PREFIX || path.startsWith(`${AGENT_PREFIX}/`)) return own(req, res, path);
    const verdict = checkEngineRequest(req.method ?? "", target, options.allowActions);
    if (!verdict.allowed) {
      options.log(`refused 403 ${verdict.code} ${req.method} ${shown(target)} from ${address}`);
      return sendJson(res, 403, refusal(verdict.code, verdict.message));
    }
    return proxy(req, res, target);
  }

  const server = https.createServer({ cert: options.cert, key: options.key, minVersion: "TLSv1.2" }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const code = (error as { code?: string }).code;
      options.log(`error ${req.method} ${shown(req.url ?? "/")}: ${code ?? (error as Error).message}`);
      sendJson(res, 502, refusal("engine_unreachable", `The agent could not read its engine (${code ?? "error"})`));
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 15 * 60_000;
  server.keepAliveTimeout = 30_000;
  server.on("close", () => clearInterval(summary));
  return server;
}
