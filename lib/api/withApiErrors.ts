import "server-only";
import { NextResponse } from "next/server";
import { apiError } from "./response";

/** Wraps a route handler: anything thrown becomes a JSON 500 without a stack (logged server-side). */
export function withApiErrors<A extends unknown[]>(handler: (...args: A) => Promise<NextResponse | Response>) {
  return async (...args: A): Promise<NextResponse | Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      console.error("[ballast] unhandled API error:", error);
      return apiError(500, "internal_error", "Ballast hit an unexpected error; details are in the server log");
    }
  };
}
