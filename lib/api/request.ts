import "server-only";
import type { NextRequest } from "next/server";
import type { NextResponse } from "next/server";
import { z } from "zod";
import { MAX_BODY_BYTES, readBodyCapped } from "./body";
import { apiError, badRequest } from "./response";

type Parsed<B, Q> = { body: B; query: Q; error?: undefined } | { error: NextResponse; body?: undefined; query?: undefined };

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`).join("; ");
}

/** Query strings are small; a longer one is refused before zod sees it. */
const MAX_QUERY_CHARS = 4096;

/** Validates query and JSON body against zod schemas; returns typed values or a ready 4xx response. */
export async function parseRequest<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodObject>(
  request: NextRequest,
  schemas: { body?: B; query?: Q },
): Promise<Parsed<z.infer<B>, z.infer<Q>>> {
  if (request.nextUrl.search.length > MAX_QUERY_CHARS) return { error: badRequest(`The query string is over ${MAX_QUERY_CHARS} characters`, "invalid_query") };
  const query = (schemas.query ?? z.object({})).safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return { error: badRequest(describe(query.error), "invalid_query") };
  let body: unknown = undefined;
  if (schemas.body) {
    const read = await readBodyCapped(request);
    if (!read.ok && read.reason === "too_large") return { error: apiError(413, "too_large", `Request body over ${MAX_BODY_BYTES} bytes`) };
    if (!read.ok) return { error: badRequest("The body could not be read", "invalid_body") };
    try {
      body = read.text ? JSON.parse(read.text) : undefined;
    } catch {
      return { error: badRequest("The body is not valid JSON", "invalid_json") };
    }
    const parsed = schemas.body.safeParse(body);
    if (!parsed.success) return { error: badRequest(describe(parsed.error), "invalid_body") };
    body = parsed.data;
  }
  return { body: body as z.infer<B>, query: query.data as z.infer<Q> };
}
