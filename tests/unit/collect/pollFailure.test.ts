import { describe, expect, it } from "vitest";
import { PollFailure, toPollFailure } from "@/lib/collect/pollFailure";

describe("toPollFailure", () => {
  it.each([
    [{ code: "ECONNREFUSED", message: "connect ECONNREFUSED" }, "refused", /Cannot reach tcp:\/\/h:1/],
    [{ code: "ENOENT", message: "connect ENOENT /x.sock" }, "refused", /is the Docker engine running/],
    [{ code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND h" }, "dns", /Cannot resolve the host name/],
    [{ code: "ECONNRESET", message: "socket hang up" }, "unreachable", /Cannot reach/],
    [{ code: "EACCES", message: "connect EACCES" }, "auth", /Permission denied/],
    [{ code: "ETIMEDOUT", message: "" }, "timeout", /did not answer in time/],
    [{ code: "ERR_SSL_WRONG_VERSION_NUMBER", message: "wrong version number" }, "tls", /TLS handshake/],
    [{ level: "client-authentication", message: "All configured authentication methods failed" }, "auth", /SSH authentication/],
    [{ statusCode: 404, message: "page not found" }, "not_docker", /not like a Docker engine/],
    [{ statusCode: 500, message: "boom" }, "engine_error", /answered 500/],
  ])("maps %o to %s", (error, code, message) => {
    const failure = toPollFailure(error, "tcp://h:1");
    expect(failure).toBeInstanceOf(PollFailure);
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(message);
  });

  it("keeps a PollFailure as it is", () => {
    const failure = new PollFailure("too_large", "big");
    expect(toPollFailure(failure, "x")).toBe(failure);
  });
});
