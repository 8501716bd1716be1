import type { NextRequest } from "next/server";
import type { SessionBody } from "@/lib/api/authSchema";
import { json } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { canApprove, canManageHosts } from "@/lib/auth/permissions";
import { hasEnabledUsers } from "@/lib/store/users";
import { sessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: NextRequest) => {
  const user = await sessionUser(request);
  const accountsExist = await hasEnabledUsers();
  return json<SessionBody>({
    user: user ? { username: user.username, role: user.role, canApprove: canApprove(user), canManageHosts: canManageHosts(user, accountsExist) } : null,
    accountsExist,
  });
});
