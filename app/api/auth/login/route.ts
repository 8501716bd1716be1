import type { NextRequest } from "next/server";
import { loginSchema, type SessionBody } from "@/lib/api/authSchema";
import { parseRequest } from "@/lib/api/request";
import { apiError, json } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { checkCredentials } from "@/lib/auth/login";
import { canApprove, canManageHosts } from "@/lib/auth/permissions";
import { startSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request: NextRequest) => {
  const { body, error } = await parseRequest(request, { body: loginSchema });
  if (error) return error;
  const user = await checkCredentials(body.username, body.password);
  if (!user) return apiError(401, "invalid_credentials", "Wrong user name or password");
  const response = json<SessionBody>({
    user: { username: user.username, role: user.role, canApprove: canApprove(user), canManageHosts: canManageHosts(user, true) },
    accountsExist: true,
  });
  await startSession(request, response, user.id);
  return response;
});
