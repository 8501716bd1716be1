import "server-only";
import type { NextRequest } from "next/server";
import type { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, badRequest, forbidden } from "./response";

const MAX_BODY_BYTES = 64 * 1024;

type Parsed<B, Q> = { body: B; query: Q; error?: undefined } | { error: NextResponse; body?: undefined; query?: undefined };

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`).join("; ");
}

/**
 * Mutations must come from this origin (a browser on another site cannot drive them). Scripts send
 * an Origin header matching the dashboard URL, or none at all.
 */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin || request.method === "GET" || request.method === "HEAD") return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Validates query and JSON body against zod schemas; returns typed values or a ready 400 response. */
export async function parseRequest<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodObject>(
  request: NextRequest,
  schemas: { body?: B; query?: Q },
): Promise<Parsed<z.infer<B>, z.infer<Q>>> {
  if (!sameOrigin(request)) return { error: forbidden("Cross-origin requests may not change anything") };
  const query = (schemas.query ?? z.object({})).safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return { error: badRequest(describe(query.error), "invalid_query") };
  let body: unknown = undefined;
  if (schemas.body) {
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES) return { error: apiError(413, "too_large", `Request body over ${MAX_BODY_BYTES} bytes`) };
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return { error: badRequest("The body is not valid JSON", "invalid_json") };
    }
    const parsed = schemas.body.safeParse(body);
    if (!parsed.success) return { error: badRequest(describe(parsed.error), "invalid_body") };
    body = parsed.data;
  }
  return { body: body as z.infer<B>, query: query.data as z.infer<Q> };
}
