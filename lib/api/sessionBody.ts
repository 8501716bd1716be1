import type { SessionBody } from "@/lib/api/authSchema";
import { ANONYMOUS_VIEW_PERMISSIONS, NO_ACCOUNTS_PERMISSIONS, permissionsOf, roleCan, type Role } from "@/lib/analysis/roles";

/** The session answer for a person (or nobody) on an install with or without accounts. */
export function sessionBody(user: { username: string; role: Role } | null, accountsExist: boolean, anonymousView: boolean): SessionBody {
  const anonymous = accountsExist ? (anonymousView ? ANONYMOUS_VIEW_PERMISSIONS : []) : NO_ACCOUNTS_PERMISSIONS;
  return {
    user: user
      ? {
          username: user.username,
          role: user.role,
          canApprove: roleCan(user.role, "approve"),
          canManageHosts: roleCan(user.role, "manageHosts"),
          permissions: [...permissionsOf(user.role)],
        }
      : null,
    accountsExist,
    permissions: [...(user ? permissionsOf(user.role) : anonymous)],
    anonymousView: accountsExist && anonymousView,
  };
}
