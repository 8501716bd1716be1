import type { NextRequest } from "next/server";
import { parseRequest } from "@/lib/api/request";
import { json } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { endSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request: NextRequest) => {
  const { error } = await parseRequest(request, {});
  if (error) return error;
  const response = json({ ok: true });
  await endSession(request, response);
  return response;
});
