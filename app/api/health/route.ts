import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { BALLAST_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = apiRoute("public", async () => json({ ok: true, version: BALLAST_VERSION }));
