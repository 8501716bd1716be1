// The production server loads every API route before it listens (scripts/server/warmUp.mjs): Next.js
// instantiates a route's module at its first request, 30–100 ms of the request loop for the big ones
// (measured: the poll route's first request blocked the loop 81 ms), which otherwise lands on a user's
// first click after every restart. A warm-up request carries the process's nonce in WARM_UP_HEADER
// (set on globalThis by the server, never sent anywhere) and every route answers it 204 before doing
// anything else (lib/api/route.ts): the module is loaded, nothing is read or changed.

import { WARM_UP_HEADER, WARM_UP_NONCE } from "./serverHandshake.mjs";

export function isWarmUp(headers: Headers): boolean {
  const nonce = (globalThis as Record<symbol, unknown>)[WARM_UP_NONCE];
  return typeof nonce === "string" && nonce.length >= 32 && headers.get(WARM_UP_HEADER) === nonce;
}
