// Checks every request before Next.js sees it. Next answers a path segment with an invalid percent-
// escape ("/api/hosts/%FF") with a bare 500 from its router, before any route code runs; bodies over
// the cap are refused here by their declared length (routes also stop reading at their cap while the
// body streams, for bodies sent without a length).

export const MAX_PATH_CHARS = 8192;
/** Far above any route's own cap (64 KiB, lib/api/body.ts): a declared length above it is refused at once. */
export const MAX_DECLARED_BODY_BYTES = 1024 * 1024;

/** @returns {null | { status: number, code: string, message: string }} */
export function requestProblem(method, rawUrl, headers) {
  const url = rawUrl ?? "/";
  if (url.length > MAX_PATH_CHARS) return { status: 414, code: "uri_too_long", message: `The URL is over ${MAX_PATH_CHARS} characters` };
  const path = url.split("?")[0];
  for (const segment of path.split("/")) {
    let decoded;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { status: 400, code: "invalid_path", message: "The path holds an invalid percent-escape" };
    }
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { status: 400, code: "invalid_path", message: "The path holds a control character" };
  }
  const declared = Number(headers["content-length"] ?? 0);
  if (method !== "GET" && method !== "HEAD" && declared > MAX_DECLARED_BODY_BYTES)
    return { status: 413, code: "too_large", message: `Request body over ${MAX_DECLARED_BODY_BYTES} bytes` };
  return null;
}

/** The header through which the server tells routes the TCP peer's address, signed with a per-process nonce. */
export const PEER_HEADER = "x-ballast-peer";
