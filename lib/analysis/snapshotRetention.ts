// Which of a host's snapshots retention keeps (issue 12 item 6). Every snapshot younger than
// `keepFullDays` stays; older ones are thinned to the first of each UTC hour, and past `keepHourlyDays`
// to the first of each UTC day. Buckets are fixed to the clock, not to the pass, so a kept snapshot
// stays the first of its bucket at every later pass (the rule is idempotent, and moving from the hourly
// to the daily step keeps the first of the day, which was the first of its hour).
// Always kept, whatever their age:
// - snapshots something points at (`pinned`: runs, suggestions);
// - whatever a kept snapshot needs to read back (`requires`, followed transitively): the image part's
//   holder and the keyframe/delta chain behind it (issue 14). Other shared rows are the store's business:
//   it hands them to a kept snapshot before it deletes their holder;
// - the first good snapshot of each series (the host's first, the first after an engine ID change and
//   the first at or after `seriesStartedAt`): trends show a step there, never growth;
// - the newest good snapshot and the newest poll, whatever their age: a host silent for weeks still
//   shows its last figures and its last status.
// Failed polls are thinned alike, separately from good ones: the first failure of each bucket stays,
// so "the host was down during that hour/day" survives while 288 failures a day do not.

export type RetentionPolicy = { keepFullDays: number; keepHourlyDays: number };

export type RetentionCandidate = { id: string; takenAt: string; status: "ok" | "failed"; engineId: string | null };

export type RetentionInput = {
  now: Date;
  policy: RetentionPolicy;
  /** Ids that must stay (runs' before/after snapshots, suggestions' snapshots). */
  pinned: ReadonlySet<string>;
  /** The host's current series start (Host.seriesStartedAt), ISO; null when unknown. */
  seriesStartedAt: string | null;
  /** id → ids that must stay while it stays (followed transitively). */
  requires?: ReadonlyMap<string, readonly string[]>;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function byTime(a: RetentionCandidate, b: RetentionCandidate): number {
  return Date.parse(a.takenAt) - Date.parse(b.takenAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Snapshots that begin a series (see the top of this file), from oldest-first good snapshots. */
function seriesStarts(good: RetentionCandidate[], seriesStartedAt: string | null): Set<string> {
  const starts = new Set<string>();
  if (good.length > 0) starts.add(good[0].id);
  for (let i = 1; i < good.length; i += 1) if (good[i].engineId !== good[i - 1].engineId) starts.add(good[i].id);
  if (seriesStartedAt !== null) {
    const first = good.find((snapshot) => Date.parse(snapshot.takenAt) >= Date.parse(seriesStartedAt));
    if (first) starts.add(first.id);
  }
  return starts;
}

/**
 * The bucket a snapshot is thinned in ("h:<hour>" or "d:<day>", with its status), or null while it is
 * young enough to be kept as is.
 */
function bucketOf(snapshot: RetentionCandidate, now: number, policy: RetentionPolicy): string | null {
  const takenAt = Date.parse(snapshot.takenAt);
  const age = now - takenAt;
  if (age < policy.keepFullDays * DAY_MS) return null;
  const hourly = age < Math.max(policy.keepFullDays, policy.keepHourlyDays) * DAY_MS;
  return hourly ? `h:${Math.floor(takenAt / HOUR_MS)}:${snapshot.status}` : `d:${Math.floor(takenAt / DAY_MS)}:${snapshot.status}`;
}

/** The ids retention may delete now, oldest first; every other snapshot is kept. */
export function snapshotsToRemove(snapshots: readonly RetentionCandidate[], input: RetentionInput): string[] {
  const sorted = [...snapshots].sort(byTime);
  const good = sorted.filter((snapshot) => snapshot.status === "ok");
  const keep = seriesStarts(good, input.seriesStartedAt);
  if (good.length > 0) keep.add(good[good.length - 1].id);
  if (sorted.length > 0) keep.add(sorted[sorted.length - 1].id);
  for (const id of input.pinned) keep.add(id);
  const now = input.now.getTime();
  const seenBuckets = new Set<string>();
  const thinned = new Set<string>();
  for (const snapshot of sorted) {
    const bucket = bucketOf(snapshot, now, input.policy);
    if (bucket === null) continue;
    const firstOfBucket = !seenBuckets.has(bucket);
    seenBuckets.add(bucket);
    if (!firstOfBucket && !keep.has(snapshot.id)) thinned.add(snapshot.id);
  }
  // What every kept snapshot needs stays too, and what that needs, and so on.
  const pending = sorted.filter((snapshot) => !thinned.has(snapshot.id)).map((snapshot) => snapshot.id);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const needed of input.requires?.get(id) ?? []) {
      if (thinned.delete(needed)) pending.push(needed);
    }
  }
  return sorted.filter((snapshot) => thinned.has(snapshot.id)).map((snapshot) => snapshot.id);
}
