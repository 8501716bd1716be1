import type { z } from "zod";
import type { EngineClient } from "./engine";
import { PollFailure } from "./pollFailure";

/** GET one Engine API path and validate it against its schema; an unexpected shape is `invalid_response`. */
export async function getParsed<S extends z.ZodType>(client: EngineClient, schema: S, path: string, query?: Record<string, unknown>): Promise<z.infer<S>> {
  const body = await client.request("GET", path, query);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new PollFailure("invalid_response", `${client.endpoint} answered ${path} in an unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}
