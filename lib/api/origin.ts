import type { NextRequest } from "next/server";

/**
 * Mutations must come from this origin (a browser on another site cannot drive them). Scripts send
 * an Origin header matching the dashboard URL, or none at all.
 */
export function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin || request.method === "GET" || request.method === "HEAD") return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
