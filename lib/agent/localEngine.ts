import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { Endpoint } from "../collect/endpoint";

// The agent's connection to its own engine (DOCKER_HOST or the default socket), over plain node:http:
// the agent stays one small process without dockerode, and proxies bytes through unchanged.

export type LocalEngine = {
  /** Sends one request to the engine; the caller reads or pipes the answer. */
  request(method: string, target: string, signal?: AbortSignal): Promise<http.IncomingMessage>;
  /** GET and parse JSON, for the agent's own reads (container inspect for log paths, /info). */
  getJson(target: string): Promise<unknown>;
};

const MAX_OWN_READ_BYTES = 64 * 1024 * 1024;

export function localEngine(endpoint: Endpoint, timeoutMs = 120_000): LocalEngine {
  if (endpoint.kind !== "unix" && endpoint.kind !== "tcp") throw new Error("The agent reaches its engine over a unix socket or tcp:// (DOCKER_HOST)");
  const tls = endpoint.kind === "tcp" ? endpoint.tls : null;
  const agent = tls
    ? new https.Agent({
        keepAlive: true,
        maxSockets: 16,
        ca: fs.readFileSync(tls.caPath),
        cert: fs.readFileSync(tls.certPath),
        key: fs.readFileSync(tls.keyPath),
        rejectUnauthorized: tls.verify,
      })
    : new http.Agent({ keepAlive: true, maxSockets: 16 });
  const where = endpoint.kind === "unix" ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };

  function request(method: string, target: string, signal?: AbortSignal): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = (tls ? https : http).request({ ...where, agent, method, path: target, timeout: timeoutMs, signal, headers: { Host: "docker" } }, resolve);
      req.on("timeout", () => req.destroy(new Error(`engine did not answer ${target} in time`)));
      req.on("error", reject);
      req.end();
    });
  }

  async function getJson(target: string): Promise<unknown> {
    const res = await request("GET", target);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res) {
      total += (chunk as Buffer).length;
      if (total > MAX_OWN_READ_BYTES) {
        res.destroy();
        throw new Error(`engine answer to ${target} is larger than ${MAX_OWN_READ_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if ((res.statusCode ?? 500) >= 300)
      throw Object.assign(new Error(`engine answered ${target} with ${res.statusCode}: ${text.slice(0, 200)}`), { statusCode: res.statusCode });
    return JSON.parse(text);
  }

  return { request, getJson };
}
