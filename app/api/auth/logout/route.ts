import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { endSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = apiRoute("public", async (request) => {
  const response = json({ ok: true });
  await endSession(request, response);
  return response;
});
