// The agent's allow-list: which Engine API requests it passes on. Exactly what Ballast's collector and
// its approved cleanups send, nothing else: no exec, no create, no `force`, no `v=true`, no unfiltered
// prune, no other Engine API path. Pure, so every rule is unit-tested.

export type Verdict = { allowed: true } | { allowed: false; code: "not_allowed" | "actions_disabled"; message: string };

type QueryRule = (value: string) => boolean;
type Route = { method: "GET" | "POST" | "DELETE"; path: RegExp; query: Record<string, QueryRule>; deletes?: boolean };

const bool: QueryRule = (value) => ["true", "false", "1", "0"].includes(value);
const isFalse: QueryRule = (value) => value === "false" || value === "0";
const unixSeconds: QueryRule = (value) => /^\d{1,12}(\.\d{1,9})?$/.test(value);
const oneOf =
  (...values: string[]): QueryRule =>
  (value) =>
    values.includes(value);

/** A JSON `filters` value whose keys are all in `keys`, each a list of strings (Docker's filter shape). */
function filters(keys: string[], check: (key: string, values: string[]) => boolean = () => true): QueryRule {
  return (value) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return false;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
    return Object.entries(parsed).every(([key, values]) => {
      // Docker accepts both ["a"] and {"a":true} for a filter's values.
      const list = Array.isArray(values) ? values : typeof values === "object" && values !== null ? Object.keys(values) : null;
      return keys.includes(key) && list !== null && list.every((v) => typeof v === "string") && check(key, list as string[]);
    });
  };
}

const ID = "[0-9a-f]{12,64}";
const IMAGE_ID = `(?:sha256:)?${ID}`;
// A tag or reference as the actions pass it: registry/repo path, tag, digest. No dots-only segment.
const IMAGE_REF = "(?!.*(?:^|/)\\.\\.?(?:/|$))[A-Za-z0-9][A-Za-z0-9._/:@-]{0,400}";
const VOLUME_NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,250}";

const exact = (pattern: string) => new RegExp(`^${pattern}$`);

const ROUTES: Route[] = [
  { method: "GET", path: exact("/_ping"), query: {} },
  { method: "GET", path: exact("/version"), query: {} },
  { method: "GET", path: exact("/info"), query: {} },
  { method: "GET", path: exact("/system/df"), query: { type: oneOf("image", "container", "volume", "build-cache"), verbose: bool } },
  { method: "GET", path: exact("/images/json"), query: { all: bool, digests: bool, "shared-size": bool, manifests: bool } },
  { method: "GET", path: exact(`/images/${IMAGE_ID}/json`), query: {} },
  { method: "GET", path: exact(`/images/${IMAGE_ID}/history`), query: {} },
  { method: "GET", path: exact("/containers/json"), query: { all: bool, size: bool, filters: filters(["id", "volume", "status", "ancestor"]) } },
  { method: "GET", path: exact(`/containers/${ID}/json`), query: { size: bool } },
  { method: "GET", path: exact("/volumes"), query: { filters: filters(["name", "dangling"]) } },
  // The events between two polls (issue 14: what changed since the last one). Only with `until`: an
  // events request without it is a stream that never ends.
  { method: "GET", path: exact("/events"), query: { since: unixSeconds, until: unixSeconds, filters: filters(["type"]) } },
  // Approved cleanups. Never `force`, never `v=true` (anonymous volumes go one by one, re-checked).
  { method: "DELETE", path: exact(`/images/${IMAGE_REF}`), query: { noprune: isFalse }, deletes: true },
  { method: "DELETE", path: exact(`/containers/${ID}`), query: {}, deletes: true },
  { method: "DELETE", path: exact(`/volumes/${VOLUME_NAME}`), query: {}, deletes: true },
  // Build cache only by anchored record IDs (`^id$`): an unfiltered prune would empty the whole cache.
  {
    method: "POST",
    path: exact("/build/prune"),
    query: { all: bool, filters: filters(["id"], (_key, values) => values.length > 0 && values.every((v) => /^\^[A-Za-z0-9]+\$$/.test(v))) },
    deletes: true,
  },
];

const VERSION_PREFIX = /^\/v1\.\d{1,3}(?=\/)/;

const refuse = (message: string): Verdict => ({ allowed: false, code: "not_allowed", message });

/**
 * Checks one request against the allow-list. `target` is the raw request target (path and query) as
 * received; an optional `/v1.NN` API version prefix is allowed in front of every Engine API path.
 */
export function checkEngineRequest(method: string, target: string, allowActions: boolean): Verdict {
  const [rawPath, rawQuery = "", ...rest] = target.split("?");
  if (rest.length > 0) return refuse("More than one ? in the request");
  // Percent-escapes and dot segments could smuggle another path past the patterns: Ballast sends neither.
  if (/%|\/\.\.?(\/|$)|\/\/|\\/.test(rawPath)) return refuse(`Path ${rawPath} is not allowed`);
  const path = rawPath.replace(VERSION_PREFIX, "");
  const candidates = ROUTES.filter((route) => route.path.test(path));
  const route = candidates.find((candidate) => candidate.method === method);
  if (!route) return refuse(`${method} ${path} is not on the agent's allow-list`);
  const query = new URLSearchParams(rawQuery);
  const seen = new Set<string>();
  for (const [key, value] of query) {
    if (seen.has(key)) return refuse(`Query parameter ${key} given twice`);
    seen.add(key);
    const rule = route.query[key];
    if (!rule) return refuse(`Query parameter ${key} is not allowed on ${method} ${path}`);
    if (!rule(value)) return refuse(`Query parameter ${key}=${value.slice(0, 80)} is not allowed on ${method} ${path}`);
  }
  if (route.method === "POST" && path === "/build/prune" && !query.has("filters")) return refuse("A build cache prune needs an id filter");
  if (path === "/events" && !query.has("until")) return refuse("Events only up to a time (until): the agent passes no endless stream");
  if (route.deletes && !allowActions) {
    return {
      allowed: false,
      code: "actions_disabled",
      message: "This agent does not run deletions: start it with --allow-actions to let Ballast run approved cleanups",
    };
  }
  return { allowed: true };
}
