// What the production server (scripts/server.mjs, plain Node outside every bundle) and the bundled
// routes agree on, in one place both can import: the direct routes' registry on globalThis
// (lib/api/directRoutes.ts), the header that sends a request through Next.js instead, and the warm-up
// request's header and the globalThis key of its per-process nonce (lib/api/warmUp.ts, scripts/server/warmUp.mjs).

export const DIRECT_ROUTES = Symbol.for("ballast.directRoutes");
/** Sent by a client (tests, diagnosis) that wants Next.js to answer: the same handler, through Next's router. */
export const VIA_NEXT_HEADER = "x-ballast-via-next";
export const WARM_UP_HEADER = "x-ballast-warm-up";
export const WARM_UP_NONCE = Symbol.for("ballast.warmUpNonce");
