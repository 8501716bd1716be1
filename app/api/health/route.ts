import { json } from "@/lib/api/response";
import { BALLAST_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export function GET() {
  return json({ ok: true, version: BALLAST_VERSION });
}
