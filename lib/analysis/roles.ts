// Roles and the named permissions every API route checks (README §Security). Pure data (here, beside
// the other pure rules, so lib/auth, the routes and the UI all read this one table): no I/O, so the
// route × role test and the UI read the same table.

export const ROLES = ["viewer", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** Read hosts, snapshots, suggestions, reports, trends. */
  | "view"
  /** Read the audit log (it names who did what). */
  | "viewAudit"
  /** Ask for a fresh poll of a host ("Poll now"). */
  | "poll"
  /** Approve a cleanup (it deletes things on a host). */
  | "approve"
  /** Add hosts and change their settings. */
  | "manageHosts"
  /** Change prices (per host or per category). */
  | "managePrices"
  /** Add users, change their roles, reset passwords, disable them. */
  | "manageUsers"
  /** Create, list and revoke one's own API tokens, and change one's own password. */
  | "manageOwnAccount";

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["view", "viewAudit", "manageOwnAccount"],
  approver: ["view", "viewAudit", "manageOwnAccount", "poll", "approve"],
  admin: ["view", "viewAudit", "manageOwnAccount", "poll", "approve", "manageHosts", "managePrices", "manageUsers"],
};

/** What an anonymous reader may do when BALLAST_ANONYMOUS_VIEW=true (never the audit log). */
export const ANONYMOUS_VIEW_PERMISSIONS: readonly Permission[] = ["view"];

/**
 * What anyone may do on an install with no account at all (it listens on 127.0.0.1 only, see
 * scripts/server.mjs): the single-user setup. Approving still needs an account.
 */
export const NO_ACCOUNTS_PERMISSIONS: readonly Permission[] = ["view", "viewAudit", "poll", "manageHosts", "managePrices"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

const rank = (role: Role) => ROLES.indexOf(role);

/** The lesser of two roles: a token never acts above its creator's current role. */
export function lesserRole(a: Role, b: Role): Role {
  return rank(a) <= rank(b) ? a : b;
}

export function roleAtMost(role: Role, ceiling: Role): boolean {
  return rank(role) <= rank(ceiling);
}

/** The shortest password Ballast accepts (environment admin and Users page alike). */
export const MIN_PASSWORD_LENGTH = 8;
