import { directRoute } from "@/lib/api/directRoutes";
import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { BALLAST_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = directRoute(
  "/api/health",
  apiRoute("public", async () => json({ ok: true, version: BALLAST_VERSION })),
);
