import { idParam } from "./schema";

/** A route's dynamic id segment, validated; null when it is not a well-formed id. */
export async function routeId<K extends string>(params: Promise<Record<K, string>>, key: K): Promise<string | null> {
  const parsed = idParam.safeParse((await params)[key]);
  return parsed.success ? parsed.data : null;
}
