// Before the server listens, every route is loaded (lib/api/warmUp.ts says why): the request handler
// is served for a moment on an ephemeral loopback port, and each route of the build's manifest gets
// one GET carrying the process's warm-up nonce, which every API route answers 204 before it reads or
// changes anything (a POST-only route: Next.js's 405, its module loaded all the same). A page ignores
// it and is rendered as for a visitor who is not signed in: every page is a client shell that fetches
// its data from the API (measured: a page's first render 127 ms of the loop, later ones 22 ms). Dynamic
// segments are filled with a placeholder. Sequential: one module at a time on the loop.
import http from "node:http";
import { WARM_UP_HEADER } from "../../lib/api/serverHandshake.mjs";

/** A path for a route pattern ("/api/hosts/[hostId]/poll" → "/api/hosts/warm-up/poll"). */
export function warmUpPath(pattern) {
  return pattern
    .split("/")
    .map((segment) => (/^\[.*\]$/.test(segment) ? "warm-up" : segment))
    .join("/");
}

function get(port, path, nonce) {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers: { [WARM_UP_HEADER]: nonce }, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", () => resolve(0));
    });
    request.on("error", () => resolve(0));
    request.setTimeout(60_000, () => request.destroy());
  });
}

/** Loads every route in `patterns` through `listener`, API routes first; resolves to how many answered and how long it took. */
export async function warmUpRoutes(listener, patterns, nonce) {
  const started = performance.now();
  const server = http.createServer(listener);
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  let answered = 0;
  try {
    const api = patterns.filter((p) => p.startsWith("/api/"));
    for (const pattern of [...api, ...patterns.filter((p) => !api.includes(p))]) if ((await get(port, warmUpPath(pattern), nonce)) > 0) answered += 1;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return { answered, ms: performance.now() - started };
}
