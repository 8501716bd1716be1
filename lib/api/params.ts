import { idParam } from "./schema";

/** A route's dynamic id segment, validated; null when it is not a well-formed id. */
export function routeId(params: Record<string, string>, key: string): string | null {
  const parsed = idParam.safeParse(params[key]);
  return parsed.success ? parsed.data : null;
}
