import { describe, expect, it } from "vitest";
import { remoteText, toPollFailure } from "@/lib/collect/pollFailure";

// A failed poll's message is stored and shown to every reader: it holds Ballast's own words, never
// a library's internal text (Prisma's invocation, SQL) or what the remote end sent.

describe("poll failure messages", () => {
  it("never carry Prisma or SQL text from an error thrown inside a poll", () => {
    const prisma = new Error("Invalid `prisma.snapshotImage.createMany()` invocation:\n\nUnique constraint failed on the fields: (`snapshotId`,`imageId`)");
    const failure = toPollFailure(prisma, "tcp://127.0.0.1:2375");
    expect(failure.message).not.toMatch(/prisma|constraint|createMany|snapshotImage/i);
    expect(failure.message).toContain("server log");
  });

  it("never carry a TLS or SSH library's text", () => {
    expect(
      toPollFailure({ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match certificate's altnames: Host: evil" }, "tcp://h:2376").message,
    ).not.toContain("evil");
  });

  it("keep what an engine says to one printable line of at most 200 characters", () => {
    expect(remoteText("a\nb\u0000c\u001b[31m")).toBe("a b c [31m");
    expect(remoteText("x".repeat(500))).toHaveLength(201);
  });
});
