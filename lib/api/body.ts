import type { NextRequest } from "next/server";

/** The largest JSON body any route accepts: the biggest real one (a host with TLS paths) is under 2 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyText = { ok: true; text: string } | { ok: false; reason: "too_large" | "unreadable" };

/**
 * Reads the body as it streams and stops at `maxBytes`: a 600 MB body costs at most the cap in
 * memory, never the whole upload (request.text() would buffer all of it first).
 */
export async function readBodyCapped(request: NextRequest, maxBytes = MAX_BODY_BYTES): Promise<BodyText> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too_large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
