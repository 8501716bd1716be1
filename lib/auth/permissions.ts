import "server-only";
import type { SessionUser } from "./session";

// Named permission predicates (STYLE.md): routes ask these, never compare roles themselves.

/** Only a signed-in, enabled admin may approve a cleanup. */
export function canApprove(user: SessionUser | null): user is SessionUser {
  return user !== null && !user.disabled && user.role === "admin";
}

/** Who ran what is visible to signed-in people only. */
export function canViewAudit(user: SessionUser | null): user is SessionUser {
  return user !== null && !user.disabled;
}

/**
 * Adding hosts and changing prices: a signed-in admin once any account exists. An install with no
 * account (no BALLAST_ADMIN_USER) is a single-user setup and stays open, as the README says.
 */
export function canManageHosts(user: SessionUser | null, accountsExist: boolean): boolean {
  return !accountsExist || canApprove(user);
}
