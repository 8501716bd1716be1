import "server-only";
import type { HostSnapshot } from "@/lib/collect/schema";

// JSON bodies of the routes that are pure functions of one snapshot view (images, layers, treemap): the
// first request computes and serialises the body, every later or concurrent one with the same URL and
// price shares it. Ten clients opening a 1,249-image host then cost one treemap build, not ten, and the
// serialised body (about 1 MB) is not rebuilt per request. Keyed by the cached, frozen view object: when
// the view cache drops a view (a new poll of the host, eviction), its bodies go with it.

const PER_VIEW = 32;

type Built = { body: string } | { response: Response };

const bodies = new WeakMap<HostSnapshot, Map<string, Promise<Built>>>();

/**
 * The body for `key` on this view: computed once by `build`, shared until the view is dropped. A build
 * that answers a Response (a 400 or 404) is not kept: each caller waiting on it gets its own copy.
 */
export async function viewBody(snapshot: HostSnapshot, key: string, build: () => Promise<unknown> | unknown): Promise<string | Response> {
  let forView = bodies.get(snapshot);
  if (!forView) bodies.set(snapshot, (forView = new Map()));
  let built = forView.get(key);
  if (built) {
    // Most recently used last: the first key is the one to drop.
    forView.delete(key);
    forView.set(key, built);
  } else {
    const entry: Promise<Built> = Promise.resolve()
      .then(build)
      .then((value) => (value instanceof Response ? { response: value } : { body: JSON.stringify(value) }));
    built = entry;
    forView.set(key, entry);
    const map = forView;
    const forget = () => map.get(key) === entry && map.delete(key);
    // A failed build or an error answer is not kept: the next request tries again.
    entry.then((result) => "response" in result && forget(), forget);
    while (forView.size > PER_VIEW) forView.delete(forView.keys().next().value!);
  }
  const result = await built;
  return "body" in result ? result.body : result.response.clone();
}
