import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import type { ApiHandler } from "./route";
import { routeWinner } from "./routePatterns";
import { DIRECT_ROUTES, VIA_NEXT_HEADER } from "./serverHandshake.mjs";

// The hottest GET routes (the cached snapshot views, health) skip Next.js's router: profiled under 10
// clients on a 1,251-image host, Next's routing, its app-route runtime and the web-stream plumbing
// around a handler cost the request loop ~4–5 ms per request, many times the handler's own work (an
// access check from memory and a cached gzip), so 10 clients kept the loop saturated and /api/health
// waited behind them (issue 14). A route opts in by wrapping its handler in `directRoute` with its own
// path; the production server (scripts/server.mjs) hands a GET whose path that route wins straight to
// that same handler — the same apiRoute wrapper (permission, params, errors), the same code — and
// writes its Response to the socket. Everything else goes through Next.js as before: another method, a
// path segment that would need decoding, a path another app route wins (the server passes every app
// route's pattern, from the build's manifest), a route not yet loaded (routes register as Next loads
// them; the server's warm-up loads them all before it listens).

/** A segment the direct path takes as it is: unreserved characters, no percent-escape to decode, not "." or "..". */
const PLAIN_SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,511}$/;

/** Names the path that answered, so a test can tell them apart. */
export const ANSWERED_BY_HEADER = "x-ballast-answered-by";

/**
 * One per process, on globalThis: Next.js bundles each route apart (each with its own copy of this
 * module), and the server is plain JavaScript outside every bundle. The server creates it with
 * `appRoutes`; each route's copy adds its handler and `answer`.
 */
type Registry = {
  handlers?: Map<string, ApiHandler>;
  /** Every app route's pattern ("/api/hosts/[hostId]"), from the build's manifest; none until the server says. */
  appRoutes?: string[];
  answer?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
};

const registry = (): Registry => ((globalThis as Record<symbol, unknown>)[DIRECT_ROUTES] ??= {}) as Registry;

/** Registers `handler` as the GET of the app route at `pattern` (its folder under app/, e.g. "/api/snapshots/[snapshotId]/images"). */
export function directRoute<H extends ApiHandler>(pattern: string, handler: H): H {
  const shared = registry();
  (shared.handlers ??= new Map()).set(pattern, handler);
  shared.answer ??= answerDirectly;
  return handler;
}

/** The registered route and its params for a GET of `pathname`, or null when Next.js must answer. */
export function directMatch(pathname: string): { pattern: string; handler: ApiHandler; params: Record<string, string> } | null {
  const { handlers, appRoutes } = registry();
  if (!appRoutes || !handlers) return null;
  const segments = pathname.split("/").slice(1);
  if (!segments.every((segment) => PLAIN_SEGMENT.test(segment))) return null;
  const winner = routeWinner(appRoutes, segments);
  // A catch-all's params are arrays, which no direct route takes.
  const handler = winner && !winner.catchAll ? handlers.get(winner.pattern) : undefined;
  return winner && handler ? { pattern: winner.pattern, handler, params: winner.params } : null;
}

/**
 * Answers `req` through a registered route's handler when it may (see above); false when Next.js must.
 * Called by scripts/server.mjs for every request after its own checks; never throws.
 */
export async function answerDirectly(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "GET" || req.headers[VIA_NEXT_HEADER] !== undefined) return false;
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const match = directMatch(queryAt < 0 ? url : url.slice(0, queryAt));
  if (!match) return false;
  let request: NextRequest;
  try {
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    request = new NextRequest(new URL(url, `http://${req.headers.host ?? "localhost"}`), { method: "GET", headers });
  } catch {
    // A Host or header the web Request refuses: Next.js answers it as it would.
    return false;
  }
  // The handler is apiRoute's: it answers every failure itself (a 500 names a request id), never throws.
  const response = await match.handler(request, { params: Promise.resolve(match.params) });
  await writeResponse(response, res);
  return true;
}

/**
 * The route's Response on the socket, as Next.js would send it (status, headers, cookies, body), with
 * two differences: a Content-Length instead of chunks, and no gzip of a body the route did not encode
 * (here only health's and errors' few bytes; a view's body is sent as the route encoded it).
 */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : null;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.setHeader(ANSWERED_BY_HEADER, "direct");
  if (body) res.setHeader("content-length", body.byteLength);
  res.end(body ?? undefined);
}
