import "server-only";
import type { NextRequest } from "next/server";
import { config } from "@/lib/config";
import { hasEnabledUsers } from "@/lib/store/users";
import { tokenPrincipal } from "./apiTokens";
import { ANONYMOUS_VIEW_PERMISSIONS, isRole, NO_ACCOUNTS_PERMISSIONS, roleCan, type Permission, type Role } from "@/lib/analysis/roles";
import { sessionUser } from "./session";

// Who is asking, and may they? Every API route goes through `authorize` with one named permission
// (lib/api/route.ts); the route × role test walks app/api to prove none is forgotten.

/** A signed-in person (session cookie) or a script (API token). */
export type Principal = { kind: "session" | "token"; userId: string; username: string; role: Role; tokenId?: string };

export type Access =
  | { ok: true; principal: Principal | null; accountsExist: boolean }
  | { ok: false; status: 401 | 403; code: "unauthorized" | "forbidden" | "invalid_token"; message: string };

/** BALLAST_ANONYMOUS_VIEW=true lets people who are not signed in read (never change) everything but the audit log. */
export const anonymousViewEnabled = () => config().BALLAST_ANONYMOUS_VIEW;

function bearerToken(request: NextRequest): string | null | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** The principal behind the request; `invalid` when it sent credentials that are not (or no longer) valid. */
export async function requestPrincipal(request: NextRequest): Promise<Principal | null | "invalid"> {
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    const principal = bearer === null ? null : await tokenPrincipal(bearer, new Date());
    return principal ? { kind: "token", ...principal } : "invalid";
  }
  const user = await sessionUser(request);
  if (!user || !isRole(user.role)) return null;
  return { kind: "session", userId: user.id, username: user.username, role: user.role };
}

export async function authorize(request: NextRequest, permission: Permission | "public"): Promise<Access> {
  const found = await requestPrincipal(request);
  // Public routes (health, login, logout, session) answer even when the credentials sent are stale.
  const principal = found === "invalid" && permission === "public" ? null : found;
  if (principal === "invalid") return { ok: false, status: 401, code: "invalid_token", message: "The API token is unknown, revoked or its user is disabled" };
  const accountsExist = await hasEnabledUsers();
  if (permission === "public") return { ok: true, principal, accountsExist };
  if (principal) {
    if (roleCan(principal.role, permission)) return { ok: true, principal, accountsExist };
    return { ok: false, status: 403, code: "forbidden", message: `The ${principal.role} role may not do this (it needs "${permission}")` };
  }
  if (!accountsExist && NO_ACCOUNTS_PERMISSIONS.includes(permission)) return { ok: true, principal: null, accountsExist };
  if (accountsExist && anonymousViewEnabled() && ANONYMOUS_VIEW_PERMISSIONS.includes(permission)) return { ok: true, principal: null, accountsExist };
  return {
    ok: false,
    status: 401,
    code: "unauthorized",
    message: accountsExist ? "Sign in first" : "Sign in first: this needs an account (set BALLAST_ADMIN_USER)",
  };
}
