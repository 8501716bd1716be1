#!/usr/bin/env node
// The production server (scripts/start.mjs runs it): Next.js in this process behind a plain
// node:http server, so that the checks no Next.js route can make happen first — where to listen
// (scripts/server/listen.mjs), paths that cannot be decoded and oversized declared bodies
// (scripts/server/requestGuards.mjs), and the TCP peer's address for the login limits (Next only
// passes on X-Forwarded-For, which any client can write). The hottest GET routes are handed to their
// handlers directly (lib/api/directRoutes.ts), and every API route is loaded before the server
// listens (scripts/server/warmUp.mjs).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import next from "next";
import { VARIABLES } from "../lib/configSchema.mjs";
import { sqlitePathFromUrl } from "../lib/store/applyMigrations.mjs";
import { listenMessage, resolveListen } from "./server/listen.mjs";
import { passEncodedAnswers, PASSES_ENCODED } from "./server/encodedAnswers.mjs";
import { clientErrorAnswer, errorBody, PEER_HEADER, requestProblem } from "./server/requestGuards.mjs";
import { warmUpRoutes } from "./server/warmUp.mjs";
import { DIRECT_ROUTES, WARM_UP_NONCE } from "../lib/api/serverHandshake.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Enabled accounts in the database, or an environment admin about to be applied. */
function accountsExist() {
  if (process.env.BALLAST_ADMIN_USER?.trim() && (process.env.BALLAST_ADMIN_PASSWORD ?? "").length >= 8) return true;
  const file = sqlitePathFromUrl(process.env.DATABASE_URL?.trim() || VARIABLES.DATABASE_URL.default, root);
  try {
    const database = new Database(file, { readonly: true, fileMustExist: true });
    try {
      // Without valid BALLAST_ADMIN_* the start disables the admin they made (lib/auth/initialAdmin.ts), so it does not count.
      return database.prepare('SELECT COUNT(*) AS n FROM "User" WHERE "disabled" = 0 AND "source" <> \'env\'').get().n > 0;
    } finally {
      database.close();
    }
  } catch {
    return false;
  }
}

const listen = resolveListen(process.env, accountsExist());
// Routes trust the peer header only with this process's nonce (lib/auth/clientAddress.ts): Next runs
// the routes in this process, so it is shared through globalThis and never leaves it.
const nonce = crypto.randomBytes(16).toString("hex");
globalThis[Symbol.for("ballast.peerNonce")] = nonce;
globalThis[PASSES_ENCODED] = true;
const app = next({ dev: false, dir: root, hostname: listen.host ?? "localhost", port: listen.port });
await app.prepare();
const handle = app.getRequestHandler();
// Every app route's pattern, from the build: the direct path answers only paths its route wins among them.
const appRoutes = Object.values(JSON.parse(fs.readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8")));
const directRoutes = (globalThis[DIRECT_ROUTES] ??= {});
directRoutes.appRoutes = appRoutes;

/**
 * Next.js answers a method an API route does not export with a bodiless 405; API clients get the JSON
 * error shape every other refusal has. Only that answer is rewritten (Next writes no body for it).
 */
function jsonMethodNotAllowed(req, res) {
  const body = errorBody("method_not_allowed", `${req.method} is not allowed on this route`);
  let rewriting = false;
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status !== 405) return writeHead.call(this, status, ...rest);
    rewriting = true;
    const last = rest[rest.length - 1];
    const headers = last && typeof last === "object" && !Array.isArray(last) ? { ...last } : {};
    for (const name of Object.keys(headers)) if (/^content-(length|type)$/i.test(name)) delete headers[name];
    res.removeHeader("content-length");
    return writeHead.call(this, status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  };
  const write = res.write;
  res.write = function (...args) {
    return rewriting || res.statusCode === 405 ? true : write.apply(this, args);
  };
  const end = res.end;
  res.end = function (...args) {
    if (!rewriting && res.statusCode !== 405) return end.apply(this, args);
    const callback = args.find((arg) => typeof arg === "function");
    if (!res.headersSent) res.writeHead(405);
    return end.call(this, req.method === "HEAD" ? undefined : body, callback);
  };
}

const failedOutsideRoutes = (res) => (error) => {
  console.error("[ballast] request failed outside any route:", error);
  if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: "internal_error", message: "Ballast hit an unexpected error; details are in the server log" } }));
};

async function onRequest(req, res) {
  const problem = requestProblem(req.method, req.url, req.headers);
  if (problem) {
    res.writeHead(problem.status, { "content-type": "application/json", connection: "close", ...(problem.allow ? { allow: problem.allow } : {}) });
    res.end(errorBody(problem.code, problem.message));
    return;
  }
  req.headers[PEER_HEADER] = `${nonce} ${req.socket.remoteAddress ?? ""}`;
  if (req.url?.startsWith("/api/")) {
    jsonMethodNotAllowed(req, res);
    passEncodedAnswers(res);
    // A registered hot GET (lib/api/directRoutes.ts): its own handler, without Next's router; false for anything else.
    if (directRoutes.answer && (await directRoutes.answer(req, res))) return;
  }
  await handle(req, res);
}

const requestListener = (req, res) => void onRequest(req, res).catch(failedOutsideRoutes(res));
const server = http.createServer(requestListener);
// What Node's parser cannot read gets the JSON error shape too, never a bare 400 or a dropped socket.
server.on("clientError", (error, socket) => {
  if (socket.writable && !socket.destroyed) socket.end(clientErrorAnswer(error.code));
  else socket.destroy();
});
// Every route loaded before anyone is served (scripts/server/warmUp.mjs); the nonce is forgotten after.
globalThis[WARM_UP_NONCE] = crypto.randomBytes(16).toString("hex");
const warm = await warmUpRoutes(requestListener, appRoutes, globalThis[WARM_UP_NONCE]);
delete globalThis[WARM_UP_NONCE];
console.log(`[ballast] loaded ${warm.answered} of ${appRoutes.length} routes in ${Math.round(warm.ms)} ms`);
server.listen(listen.port, listen.host ?? undefined, () => console.log(listenMessage(listen)));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 5000).unref());
