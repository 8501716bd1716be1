import type { z } from "zod";
import type { EngineClient, EngineMethod } from "./engine";
import { PollFailure } from "./pollFailure";

/** GET one Engine API path and validate it against its schema; an unexpected shape is `invalid_response`. */
export async function getParsed<S extends z.ZodType>(client: EngineClient, schema: S, path: string, query?: Record<string, unknown>): Promise<z.infer<S>> {
  return requestParsed(client, "GET", schema, path, query);
}

/** Any Engine API request whose answer Ballast reads (a prune's deleted list, say), validated the same way. */
export async function requestParsed<S extends z.ZodType>(
  client: EngineClient,
  method: EngineMethod,
  schema: S,
  path: string,
  query?: Record<string, unknown>,
): Promise<z.infer<S>> {
  return parseAnswer(client, schema, path, await client.request(method, path, query));
}

/** An answer already read (getMany), validated the same way. */
export function parseAnswer<S extends z.ZodType>(client: EngineClient, schema: S, path: string, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new PollFailure("invalid_response", `${client.endpoint} answered ${path} in an unexpected shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}
