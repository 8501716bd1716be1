import http from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ENCODED_HEADER, passEncodedAnswers } from "@/scripts/server/encodedAnswers.mjs";

// The server passes a route's own gzip on as Content-Encoding (Next.js would drop that header and gzip again).

describe("encoded answers", () => {
  it("turns the route's encoding header into Content-Encoding, however it is set, and leaves other headers alone", async () => {
    const body = gzipSync(JSON.stringify({ images: [] }));
    const server = http.createServer((req, res) => {
      passEncodedAnswers(res);
      res.setHeader("content-type", "application/json");
      if (req.url === "/append") res.appendHeader(ENCODED_HEADER, "gzip");
      else res.setHeader(ENCODED_HEADER.toUpperCase(), "gzip");
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      for (const path of ["/set", "/append"]) {
        const answer = await new Promise<{ headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) =>
          http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk) => chunks.push(chunk));
            res.on("end", () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
            res.on("error", reject);
          }),
        );
        expect(answer.headers["content-encoding"]).toBe("gzip");
        expect(answer.headers[ENCODED_HEADER]).toBeUndefined();
        expect(answer.headers["content-type"]).toBe("application/json");
        expect(JSON.parse(gunzipSync(answer.bytes).toString())).toEqual({ images: [] });
      }
    } finally {
      server.close();
    }
  });
});
