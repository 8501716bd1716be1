import "server-only";
import crypto from "node:crypto";
import type { NextResponse } from "next/server";
import { apiError } from "./response";

/** Logs an unexpected error under a fresh request id and answers 500 with that id only (no stack, no SQL, no remote text). */
export function internalError(error: unknown, requestId: string = crypto.randomUUID()): NextResponse {
  console.error(`[ballast] request ${requestId}: unhandled API error:`, error);
  return apiError(500, "internal_error", `Ballast hit an unexpected error; the server log has the details under request id ${requestId}`, { requestId });
}

/** Wraps a route handler: anything thrown becomes a JSON 500 without a stack (logged server-side with a request id). */
export function withApiErrors<A extends unknown[]>(handler: (...args: A) => Promise<NextResponse | Response>) {
  return async (...args: A): Promise<NextResponse | Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return internalError(error);
    }
  };
}
