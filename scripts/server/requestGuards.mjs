// Checks every request before Next.js sees it. Next answers a path segment with an invalid percent-
// escape ("/api/hosts/%FF") with a bare 500 from its router, before any route code runs; bodies over
// the cap are refused here by their declared length (routes also stop reading at their cap while the
// body streams, for bodies sent without a length).

export const MAX_PATH_CHARS = 8192;
/** Far above any route's own cap (64 KiB, lib/api/body.ts): a declared length above it is refused at once. */
export const MAX_DECLARED_BODY_BYTES = 1024 * 1024;

/**
 * The methods anything in Ballast answers. Others (TRACE, PROPFIND, CONNECT, made-up ones) are refused
 * here: Next.js answers TRACE with a bare 500.
 */
export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** @returns {null | { status: number, code: string, message: string, allow?: string }} */
export function requestProblem(method, rawUrl, headers) {
  if (!METHODS.includes(method))
    return { status: 405, code: "method_not_allowed", message: `${String(method).slice(0, 20)} is not a method Ballast answers`, allow: METHODS.join(", ") };
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

/** The JSON error body every refusal here has (the shape the API's own errors have). */
export function errorBody(code, message) {
  return JSON.stringify({ error: { code, message } });
}

/**
 * A whole HTTP/1.1 answer for a request Node's parser could not read (invalid bytes in the URL or a
 * header, a broken chunk size, two Content-Lengths): written to the socket directly, in the JSON error
 * shape, instead of Node's bare "400 Bad Request".
 */
export function clientErrorAnswer(errorCode) {
  const [status, reason, code, message] =
    errorCode === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "headers_too_large", "The request headers are too large"]
      : errorCode === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "request_timeout", "The request did not arrive in time"]
        : [400, "Bad Request", "bad_request", "The request is not valid HTTP (a byte, a header or the body framing could not be read)"];
  const body = errorBody(code, message);
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
