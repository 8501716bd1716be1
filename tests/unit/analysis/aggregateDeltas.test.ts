import { describe, expect, it } from "vitest";
import { applyRowsDelta, composeDeltas, rowsDelta, RowsReplay } from "@/lib/analysis/aggregateDeltas";
import { snapshotAggregates, type PackedRow } from "@/lib/analysis/snapshotAggregates";
import { busyHostPoll } from "@/tests/support/busyHost";
import { bigHostSnapshot } from "@/tests/support/bigHost";

// Report aggregate rows stored as deltas (issue 14) must give back exactly the rows they were made
// from, in order: a delta is only stored when applying it does.

const base = bigHostSnapshot();
const polls = [0, 1, 2, 6, 7, 8].map((poll) => snapshotAggregates(busyHostPoll(poll, base)));

describe("aggregate row deltas", () => {
  it("give back every key's rows exactly, poll after poll of a busy host", () => {
    let deltas = 0;
    for (let i = 1; i < polls.length; i++) {
      for (const [key, rows] of polls[i]) {
        const previous = polls[i - 1].get(key)!;
        const delta = rowsDelta(previous, rows);
        if (!delta) continue;
        deltas += 1;
        expect(applyRowsDelta(previous, delta)).toEqual(rows);
      }
    }
    expect(deltas).toBeGreaterThan(polls.length);
  });

  it("store only the groups that changed when a few tags move", () => {
    const [first, second] = [polls[1].get("image")!, polls[2].get("image")!];
    const delta = rowsDelta(first, second)!;
    expect(delta.set.length + delta.removed.length).toBeGreaterThan(0);
    expect(delta.set.length + delta.removed.length).toBeLessThan(first.length / 10);
  });

  it("refuse rows that are not in attribute()'s order (stored in full instead)", () => {
    const previous: PackedRow[] = [
      ["b", 0, 1],
      ["a", 0, 2],
    ];
    expect(
      rowsDelta(previous, [
        ["b", 0, 1],
        ["a", 0, 3],
      ]),
    ).toBeNull();
    expect(
      rowsDelta(
        [["a", 0, 2]],
        [
          ["a", 0, 2],
          ["b", 1, 5],
        ],
      ),
    ).toEqual({ set: [["b", 1, 5]], removed: [] });
  });

  it("compose into one delta doing both (retention folds a deleted snapshot's row into the next one's)", () => {
    const rows = [0, 1, 2].map((i) => polls[i].get("image")!);
    const first = rowsDelta(rows[0], rows[1])!;
    const second = rowsDelta(rows[1], rows[2])!;
    expect(applyRowsDelta(rows[0], composeDeltas(first, second))).toEqual(rows[2]);
    // A group added then removed, and one removed then added again.
    const a: PackedRow[] = [
      ["a", 0, 1],
      ["c", 0, 3],
    ];
    const b: PackedRow[] = [
      ["a", 0, 1],
      ["b", 0, 2],
    ];
    const c: PackedRow[] = [
      ["a", 0, 1],
      ["c", 0, 4],
    ];
    expect(applyRowsDelta(a, composeDeltas(rowsDelta(a, b)!, rowsDelta(b, c)!))).toEqual(c);
  });

  it("replay in place to the same rows as applying each delta in turn", () => {
    const replay = new RowsReplay();
    expect(replay.delta({ set: [], removed: [] })).toBe(false);
    replay.full(polls[0].get("image")!);
    for (let i = 1; i < polls.length; i++) {
      const delta = rowsDelta(polls[i - 1].get("image")!, polls[i].get("image")!);
      if (delta) expect(replay.delta(delta)).toBe(true);
      else replay.full(polls[i].get("image")!);
      expect(replay.rows()).toEqual(polls[i].get("image"));
    }
    replay.full(null);
    expect(replay.rows()).toBeNull();
  });
});
