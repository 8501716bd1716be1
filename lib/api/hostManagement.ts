import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { hasEnabledUsers } from "@/lib/store/users";
import { canManageHosts } from "@/lib/auth/permissions";
import { sessionUser } from "@/lib/auth/session";
import { forbidden, unauthorized } from "./response";

/** null when the request may add hosts or change their settings, else the 401/403 answer. */
export async function hostManagementDenied(request: NextRequest): Promise<NextResponse | null> {
  const accountsExist = await hasEnabledUsers();
  const user = accountsExist ? await sessionUser(request) : null;
  if (canManageHosts(user, accountsExist)) return null;
  return user ? forbidden("Your account may not manage hosts") : unauthorized("Sign in as an admin to add hosts or change their settings");
}
