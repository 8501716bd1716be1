import crypto from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";

// Finished answers of the routes that are pure functions of one immutable snapshot (lib/api/cacheableViews.ts:
// images, layers, treemap, …), kept gzipped: the first request has the body built, serialised and
// compressed (in the read worker, lib/worker/readWorker.ts, which hands over the finished bytes: getBody),
// every later or concurrent request for the same key sends those bytes as they are (issue 14). Measured before, on a
// 1,251-image host with 10 clients: most of each request was gzipping and UTF-8-encoding the same
// 0.2–0.4 MB again. Keyed by what the answer is a function of (the caller builds the key: snapshot id,
// route, normalised query, price, host name); no key holds the caller's role, because none of these
// answers depends on it (the route's permission is checked before the cache is asked).
//
// Bounded by bytes, not count: a 1,251-image /layers answer is 140 kB gzipped, a 65-image one 3 kB.
// Only the gzipped bytes are kept (a client that does not take gzip gets them inflated, a rare case:
// browsers and fetch always take gzip), so an entry costs what it sends.

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export type CachedBody = { gzip: Uint8Array<ArrayBuffer>; etag: string };

export type ViewResponseCache = {
  /**
   * The body for `key`: built once by `build` (its value serialised as JSON), shared until evicted.
   * Callers arriving while it builds wait for that build (single flight). A build that answers a
   * Response (a 400 or 404) or throws is never kept: each waiting caller gets its own copy or the error.
   */
  get(key: string, build: () => Promise<unknown> | unknown): Promise<CachedBody | Response>;
  /** Like `get`, for a build that gives the finished body itself (built elsewhere: the read worker). */
  getBody(key: string, build: () => Promise<CachedBody | Response>): Promise<CachedBody | Response>;
  readonly size: number;
  /** Bytes held by finished entries. */
  readonly bytes: number;
};

type Entry = { body: Promise<CachedBody | Response>; bytes: number };

export function createViewResponseCache({ maxBytes }: { maxBytes: number }): ViewResponseCache {
  // A Map iterates in insertion order: re-inserting on a hit makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string, entry: Entry) => {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const evict = () => {
    for (const [key, entry] of entries) {
      if (bytes <= maxBytes) break;
      // Builds still running hold nothing yet and have callers waiting: they stay.
      if (entry.bytes > 0) drop(key, entry);
    }
  };
  const cache: ViewResponseCache = {
    get: (key, build) => cache.getBody(key, () => Promise.resolve().then(build).then(serialised)),
    async getBody(key, build) {
      let entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      } else {
        const created: Entry = { body: Promise.resolve().then(build), bytes: 0 };
        entry = created;
        entries.set(key, created);
        created.body.then(
          (body) => {
            if (body instanceof Response) return drop(key, created);
            // An answer bigger than a quarter of the budget would push out everything else: sent, not kept.
            if (body.gzip.length > maxBytes / 4) return drop(key, created);
            created.bytes = body.gzip.length;
            bytes += created.bytes;
            evict();
          },
          () => drop(key, created),
        );
      }
      const body = await entry.body;
      return body instanceof Response ? body.clone() : body;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
  return cache;
}

const serialised = (value: unknown): Promise<CachedBody | Response> => (value instanceof Response ? Promise.resolve(value) : serialisedBody(value));

/** `value` as the cache keeps it: its JSON gzipped, and a weak ETag of that JSON. */
export async function serialisedBody(value: unknown): Promise<CachedBody> {
  const json = Buffer.from(JSON.stringify(value));
  // Weak: the same entity is sent gzipped or not, byte-different but semantically one.
  const etag = `W/"${crypto.createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  // zlib.gzip runs on the thread pool: a large body never blocks the request loop while it compresses.
  // Copied once into a buffer of its own: a Response body must own an ArrayBuffer (zlib's may be pooled).
  return { gzip: new Uint8Array(await gzip(json)), etag };
}

/** Does the request accept gzip (a listed `gzip` or `*` whose q is not 0)? */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Does If-None-Match name this ETag (weak comparison, RFC 9110 §13.1.2)? */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
}

// scripts/server/encodedAnswers.mjs: Next.js drops a route's own Content-Encoding and gzips again, so a
// gzipped answer names its encoding in this header, which the server (scripts/server.mjs) turns into
// Content-Encoding; it says on globalThis that it does. Elsewhere (`next dev`, tests) the bytes go inflated.
const ENCODED_HEADER = "x-ballast-content-encoding";
const PASSES_ENCODED = Symbol.for("ballast.passesEncodedAnswers");
const serverPassesEncoded = () => (globalThis as Record<symbol, unknown>)[PASSES_ENCODED] === true;

/**
 * The HTTP answer for a cached body: 304 when the client holds it already, the gzipped bytes as they
 * are when it takes gzip and the server passes them on, else inflated (and the server compresses them
 * as any answer). `no-cache`: a browser may keep it but asks again each time (a price change reprices it).
 */
export async function cachedBodyResponse(body: CachedBody, headers: Headers, passEncoded = serverPassesEncoded()): Promise<Response> {
  const common = { etag: body.etag, "cache-control": "private, no-cache", vary: "Accept-Encoding" };
  if (etagMatches(headers.get("if-none-match"), body.etag)) return new Response(null, { status: 304, headers: common });
  return encodedBodyResponse(body.gzip, headers, { ...common, "content-type": "application/json" }, passEncoded);
}

/** Gzipped bytes sent as they are when the client takes gzip and the server passes them on, else inflated off the loop. */
export async function encodedBodyResponse(
  gzipped: Uint8Array<ArrayBuffer>,
  headers: Headers,
  answerHeaders: Record<string, string>,
  passEncoded = serverPassesEncoded(),
): Promise<Response> {
  if (passEncoded && acceptsGzip(headers.get("accept-encoding"))) return new Response(gzipped, { headers: { ...answerHeaders, [ENCODED_HEADER]: "gzip" } });
  return new Response(new Uint8Array(await gunzip(gzipped)), { headers: answerHeaders });
}

// 24 MB: about 170 answers of a 1,251-image host's largest view; the bodies of a few hosts' last snapshots.
const MAX_BYTES = 24 * 1024 * 1024;

// On globalThis: Next.js bundles each route handler separately, each with its own copy of this module;
// one shared cache (and one byte budget) serves them all.
const shared = globalThis as unknown as { ballastViewResponses?: ViewResponseCache };

export function viewResponses(): ViewResponseCache {
  return (shared.ballastViewResponses ??= createViewResponseCache({ maxBytes: MAX_BYTES }));
}
