import http from "node:http";
import { describe, expect, it } from "vitest";
import { WARM_UP_HEADER } from "@/lib/api/serverHandshake.mjs";
import { warmUpPath, warmUpRoutes } from "@/scripts/server/warmUp.mjs";

describe("the server's warm-up", () => {
  it("fills every dynamic segment with a placeholder", () => {
    expect(warmUpPath("/api/hosts/[hostId]/poll")).toBe("/api/hosts/warm-up/poll");
    expect(warmUpPath("/api/snapshots/[snapshotId]/images/[imageId]")).toBe("/api/snapshots/warm-up/images/warm-up");
    expect(warmUpPath("/")).toBe("/");
  });

  it("asks every route once over loopback, API routes first with the nonce, pages without, then closes", async () => {
    const seen: { url: string; nonce: string | undefined }[] = [];
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push({ url: req.url ?? "", nonce: req.headers[WARM_UP_HEADER] as string | undefined });
      res.writeHead(req.url === "/hosts" ? 500 : 204).end();
    };
    const result = await warmUpRoutes(listener, ["/hosts", "/api/health", "/api/hosts/[hostId]"], "n".repeat(32));
    expect(result.answered).toBe(3);
    expect(seen).toEqual([
      { url: "/api/health", nonce: "n".repeat(32) },
      { url: "/api/hosts/warm-up", nonce: "n".repeat(32) },
      { url: "/hosts", nonce: "n".repeat(32) },
    ]);
  });
});
