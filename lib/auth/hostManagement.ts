import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { forbidden, unauthorized } from "@/lib/api/response";
import { hasEnabledUsers } from "@/lib/store/users";
import { canManageHosts } from "./permissions";
import { sessionUser } from "./session";

/** null when the request may add hosts or change their settings, else the 401/403 answer. */
export async function hostManagementDenied(request: NextRequest): Promise<NextResponse | null> {
  const accountsExist = await hasEnabledUsers();
  const user = accountsExist ? await sessionUser(request) : null;
  if (canManageHosts(user, accountsExist)) return null;
  return user ? forbidden("Your account may not manage hosts") : unauthorized("Sign in as an admin to add hosts or change their settings");
}
