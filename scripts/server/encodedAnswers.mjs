// Answers a route compressed itself (the snapshot views' cached gzip, lib/api/viewResponseCache.ts).
// Next.js drops a route handler's own Content-Encoding (it may be a fetch's, already decoded) and then
// gzips the body again, so a route names its encoding in ENCODED_HEADER instead; this server turns that
// into Content-Encoding as Next copies the route's headers, before Next's compression looks at the
// answer (it leaves an encoded answer alone). Routes send that header only where this server runs
// (PASSES_ENCODED on globalThis); under `next dev` they send plain bytes.

export const ENCODED_HEADER = "x-ballast-content-encoding";
export const PASSES_ENCODED = Symbol.for("ballast.passesEncodedAnswers");

/** Makes `res` turn ENCODED_HEADER into Content-Encoding whenever it is set. */
export function passEncodedAnswers(res) {
  for (const method of ["setHeader", "appendHeader"]) {
    const original = res[method];
    if (typeof original !== "function") continue;
    res[method] = function (name, value, ...rest) {
      if (String(name).toLowerCase() !== ENCODED_HEADER) return original.call(this, name, value, ...rest);
      return original.call(this, "content-encoding", value, ...rest);
    };
  }
  return res;
}
