import "server-only";
import { NextResponse } from "next/server";

// One JSON error shape for every route: {"error":{"code","message"}} (ARCHITECTURE.md §Public API).

export type ApiErrorCode = string;

export function json<T>(body: T, status = 200): NextResponse {
  return NextResponse.json(body, { status });
}

export function apiError(status: number, code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}): NextResponse {
  return NextResponse.json({ error: { code, message, ...extra } }, { status });
}

export const badRequest = (message: string, code = "bad_request") => apiError(400, code, message);
export const unauthorized = (message = "Sign in first") => apiError(401, "unauthorized", message);
export const forbidden = (message = "You may not do this") => apiError(403, "forbidden", message);
export const notFound = (what: string) => apiError(404, "not_found", `${what} not found`);
export const conflict = (message: string, code = "conflict") => apiError(409, code, message);

/** A host that failed: 504 for timeouts, 502 for everything else, with the failed snapshot's id. */
export function hostFailed(failure: { code: string; message: string }, snapshotId: string): NextResponse {
  return apiError(failure.code === "timeout" ? 504 : 502, failure.code, failure.message, { snapshotId });
}

/** 429 with Retry-After (seconds): the limit and when to try again, in plain words. */
export function tooManyRequests(message: string, retryAfterSec: number): NextResponse {
  const response = apiError(429, "rate_limited", `${message}; try again in ${retryAfterSec} s`, { retryAfterSec });
  response.headers.set("retry-after", String(retryAfterSec));
  return response;
}
