import { describe, expect, it } from "vitest";
import { parseListen, resolveListen } from "@/scripts/server/listen.mjs";
import { clientErrorAnswer, requestProblem } from "@/scripts/server/requestGuards.mjs";

describe("requests refused before Next.js sees them", () => {
  it.each(["/api/hosts/%FF", "/api/snapshots/x/images/%E0%A4%A", "/hosts/%C0", "/api/hosts/%"])("answers 400 for the undecodable path %s", (url) => {
    expect(requestProblem("GET", url, {})).toMatchObject({ status: 400, code: "invalid_path" });
  });

  it("answers 400 for NUL or CR/LF in a path segment, 414 for a 9,000-character URL", () => {
    expect(requestProblem("GET", "/api/hosts/a%00b", {})?.status).toBe(400);
    expect(requestProblem("GET", "/api/hosts/a%0d%0ab", {})?.status).toBe(400);
    expect(requestProblem("GET", `/api/hosts/${"a".repeat(9000)}`, {})?.status).toBe(414);
  });

  it("refuses a declared body over 1 MiB at once, and lets ordinary requests through", () => {
    expect(requestProblem("POST", "/api/auth/login", { "content-length": String(600 * 1024 * 1024) })?.status).toBe(413);
    expect(requestProblem("POST", "/api/auth/login", { "content-length": "60" })).toBeNull();
    expect(requestProblem("GET", "/api/snapshots/abc/images/sha256%3Aabc?x=%FF", {})).toBeNull();
  });
});

describe("methods and unreadable requests", () => {
  it.each(["TRACE", "PROPFIND", "CONNECT", "BREW"])("refuses %s with 405 and an Allow list (Next.js answers TRACE with a bare 500)", (method) => {
    expect(requestProblem(method, "/api/hosts", {})).toMatchObject({ status: 405, code: "method_not_allowed", allow: expect.stringContaining("GET") });
  });

  it("lets the methods routes answer through", () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(requestProblem(method, "/api/hosts", {})).toBeNull();
  });

  it("answers what Node's parser cannot read as a whole HTTP answer in the JSON error shape", () => {
    const answer = clientErrorAnswer("HPE_INVALID_CHUNK_SIZE");
    const [head, body] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ error: { code: "bad_request", message: expect.any(String) } });
    expect(clientErrorAnswer("HPE_HEADER_OVERFLOW")).toMatch(/^HTTP\/1\.1 431 /);
  });
});

describe("where the server listens", () => {
  it("listens on 127.0.0.1 only while no account exists", () => {
    expect(resolveListen({ PORT: "4000" }, false)).toEqual({ host: "127.0.0.1", port: 4000, why: "no accounts" });
  });

  it("on every interface once accounts exist, or where BALLAST_LISTEN / HOSTNAME say", () => {
    expect(resolveListen({}, true)).toEqual({ host: null, port: 3000, why: "accounts exist" });
    expect(resolveListen({ BALLAST_LISTEN: "0.0.0.0:8080" }, false)).toEqual({ host: "0.0.0.0", port: 8080, why: "BALLAST_LISTEN" });
    expect(resolveListen({ HOSTNAME: "10.0.0.5" }, false)).toMatchObject({ host: "10.0.0.5", why: "HOSTNAME" });
    expect(parseListen("[::1]:9000")).toEqual({ host: "::1", port: 9000 });
    expect(parseListen(":9000")).toEqual({ host: null, port: 9000 });
  });
});
