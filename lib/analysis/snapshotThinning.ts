// Bounds the work of a report or a chart over a long range: instead of every poll (a month of 5-minute
// polls is 8,640 snapshots per host), keep the one in force at each of `maxCount` regular steps across
// [from, to). A snapshot in force at a step is the newest taken at or before it; a host first polled
// after a step keeps its first snapshot in that step, so time before a host existed still counts 0.
// With no more candidates than `maxCount`, everything is kept (the report is then exact).

export type Timed = { takenAt: string };

function byTime<T extends Timed>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
}

/**
 * At most `maxCount` items (plus the carry-in before `from`), oldest first. `items` may include
 * snapshots before `from`: the newest of those is the one in force at `from`.
 */
export function thinToSteps<T extends Timed>(items: readonly T[], from: Date, to: Date, maxCount: number): T[] {
  const sorted = byTime(items);
  if (sorted.length <= maxCount || maxCount < 1) return sorted;
  const start = from.getTime();
  const step = (to.getTime() - start) / maxCount;
  const kept = new Set<number>();
  let cursor = -1;
  for (let k = 0; k < maxCount; k += 1) {
    const stepStart = start + k * step;
    const stepEnd = stepStart + step;
    while (cursor + 1 < sorted.length && Date.parse(sorted[cursor + 1].takenAt) <= stepStart) cursor += 1;
    if (cursor >= 0) kept.add(cursor);
    else if (cursor + 1 < sorted.length && Date.parse(sorted[cursor + 1].takenAt) < stepEnd) kept.add(cursor + 1);
  }
  return [...kept].sort((a, b) => a - b).map((index) => sorted[index]);
}
