// Which app route a path goes to, by Next.js's rule: at each segment a static name beats a dynamic
// `[param]`, which beats a catch-all `[...param]`, which beats an optional catch-all `[[...param]]`.
// Pure, for the direct path (lib/api/directRoutes.ts), which must never answer a path that Next.js
// would give to another route.

type Rank = 0 | 1 | 2 | 3;
type Segment = { rank: Rank; name: string };

const parse = (segment: string): Segment => {
  const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(segment);
  if (optional) return { rank: 3, name: optional[1] };
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(segment);
  if (catchAll) return { rank: 2, name: catchAll[1] };
  const dynamic = /^\[(.+)\]$/.exec(segment);
  if (dynamic) return { rank: 1, name: dynamic[1] };
  return { rank: 0, name: segment };
};

// Each list parsed once: the direct path asks for every GET it might answer (lib/api/directRoutes.ts).
const parsedLists = new WeakMap<string[], [string, Segment[]][]>();
function parsedPatterns(patterns: string[]): [string, Segment[]][] {
  let parsed = parsedLists.get(patterns);
  if (!parsed) parsedLists.set(patterns, (parsed = patterns.map((pattern) => [pattern, pattern.split("/").slice(1).map(parse)])));
  return parsed;
}

/** The ranks of `pattern`'s segments when it matches `path` (already split, no leading empty segment), else null. */
function matchRanks(pattern: Segment[], path: string[]): { ranks: Rank[]; params: Record<string, string> } | null {
  const params: Record<string, string> = {};
  const ranks: Rank[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const segment = pattern[i];
    if (segment.rank >= 2) {
      // A catch-all takes the rest: at least one segment, an optional one none or more; it is always last.
      if (segment.rank === 2 && path.length <= i) return null;
      ranks.push(segment.rank);
      return { ranks, params };
    }
    if (i >= path.length) return null;
    if (segment.rank === 0 && segment.name !== path[i]) return null;
    if (segment.rank === 1) params[segment.name] = path[i];
    ranks.push(segment.rank);
  }
  return pattern.length === path.length ? { ranks, params } : null;
}

const better = (a: Rank[], b: Rank[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length > b.length;
};

/** The route `path` goes to among `patterns` ("/api/hosts/[hostId]"), its dynamic params, and whether it is a catch-all. */
export function routeWinner(patterns: string[], path: string[]): { pattern: string; params: Record<string, string>; catchAll: boolean } | null {
  let best: { pattern: string; ranks: Rank[]; params: Record<string, string> } | null = null;
  for (const [pattern, segments] of parsedPatterns(patterns)) {
    const match = matchRanks(segments, path);
    if (match && (!best || better(match.ranks, best.ranks))) best = { pattern, ...match };
  }
  return best && { pattern: best.pattern, params: best.params, catchAll: best.ranks.some((rank) => rank >= 2) };
}
