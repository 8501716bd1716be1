import "server-only";
import crypto from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { authorize, type Principal } from "@/lib/auth/authorize";
import type { Permission } from "@/lib/analysis/roles";
import { sameOrigin } from "./origin";
import { apiError, badRequest, forbidden } from "./response";
import { isWarmUp } from "./warmUp";
import { internalError } from "./withApiErrors";

// The one wrapper every API route handler goes through: same-origin check for mutations, the route's
// named permission, path parameters that decode, and a 500 that names a request id instead of the error.

export type RouteContext<P> = {
  params: P;
  /** null when the request is allowed without an account (public routes, an install without accounts, anonymous view). */
  principal: Principal | null;
  accountsExist: boolean;
  requestId: string;
};

type NextContext = { params?: Promise<Record<string, string | string[]>> };
export type ApiHandler = ((request: NextRequest, context?: NextContext) => Promise<Response>) & { permission: Permission | "public" };

/** Next decodes path segments itself; one that cannot be decoded (or holds NUL / control characters) is refused here. */
function cleanParams(raw: Record<string, string | string[]>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string" || value.length > 512 || /[\u0000-\u001f\u007f]/.test(value)) return null;
    out[key] = value;
  }
  return out;
}

export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  permission: Permission | "public",
  handler: (request: NextRequest, context: RouteContext<P>) => Promise<NextResponse | Response>,
): ApiHandler {
  const route = async (request: NextRequest, context: NextContext = {}): Promise<Response> => {
    // The server's own warm-up (lib/api/warmUp.ts): the module is loaded, nothing else runs.
    if (isWarmUp(request.headers)) return new Response(null, { status: 204 });
    const requestId = crypto.randomUUID();
    try {
      if (!sameOrigin(request)) return forbidden("Cross-origin requests may not change anything");
      let raw: Record<string, string | string[]>;
      try {
        raw = (await context.params) ?? {};
      } catch {
        return badRequest("The path holds an invalid percent-escape", "invalid_path");
      }
      const params = cleanParams(raw);
      if (!params) return badRequest("The path holds an invalid id", "invalid_path");
      const access = await authorize(request, permission);
      if (!access.ok) return apiError(access.status, access.code, access.message);
      return await handler(request, { params: params as P, principal: access.principal, accountsExist: access.accountsExist, requestId });
    } catch (error) {
      return internalError(error, requestId);
    }
  };
  return Object.assign(route, { permission });
}
