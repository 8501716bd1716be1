import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { COST_CATEGORIES, type CostCategory } from "@/lib/analysis/cost";
import { buildCostReport, type Assignment, type CostReportHost, type ReportEvent } from "@/lib/analysis/costReport";
import { decodeSpan, encodeSpan, HostReportBuilder, packSpan, spansWithoutRuns, type PackedSpan, type RemovedRun } from "@/lib/analysis/reportSpans";

// Reports from packed spans (per-day sums plus steps for the peaks) must give exactly the figures of
// integrating the events themselves, whatever the range's edges (partial first and last days, a range
// inside one day), hosts that start or stop mid-range, groups that come and go, and bytes past 2^53 ms.

const DAY = 86_400_000;
const T0 = Date.parse("2026-02-01T00:00:00Z");

/** One host's events over `days` days: a start, then changes at random times, oldest first. */
const hostEvents = (days: number) =>
  fc
    .record({
      startsAt: fc.option(fc.integer({ min: 0, max: days * DAY - 1 }), { nil: undefined }),
      changes: fc.array(
        fc.record({
          // Polls land on day boundaries often (a poll at 00:00:00.000 belongs to the day it starts).
          at: fc.oneof(
            fc.integer({ min: 0, max: days * DAY - 1 }),
            fc.integer({ min: 0, max: days - 1 }).map((day) => day * DAY),
          ),
          set: fc.array(
            fc.tuple(
              fc.constantFrom("a", "b", "c", "unattributed"),
              fc.constantFrom(...COST_CATEGORIES),
              fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5e12 })),
            ),
            { minLength: 1, maxLength: 4 },
          ),
        }),
        { maxLength: 40 },
      ),
    })
    .map(({ startsAt, changes }): ReportEvent[] => {
      const sorted = [...changes].sort((x, y) => x.at - y.at).map((change) => ({ at: T0 + change.at, set: change.set as Assignment[] }));
      // Mostly a host known from before the range (its start carries in); sometimes one added mid-range.
      if (startsAt !== undefined) return sorted.filter((event) => event.at >= T0 + startsAt);
      return [{ at: -Infinity, set: [["a", "images" as CostCategory, 1e9]] }, ...sorted];
    });

/** The host's events packed per UTC day over the days given, each span through its bytes as stored. */
function packedDays(events: ReportEvent[], days: number): { span: PackedSpan; from: number; to: number }[] {
  return Array.from({ length: days }, (_, day) => {
    const from = T0 + day * DAY;
    // As the store reads it: a Node Buffer at an odd offset of a larger one.
    const bytes = encodeSpan(packSpan(events, from, from + DAY), 1);
    const shared = Buffer.concat([Buffer.from([1, 2, 3]), bytes]).subarray(3);
    return { span: decodeSpan(shared, 1)!, from, to: from + DAY };
  });
}

describe("reports from packed spans", () => {
  it("equal the reports from the events, for any range, group-by names and hosts", () => {
    const days = 4;
    fc.assert(
      fc.property(
        fc.array(hostEvents(days), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: days * DAY - 2 }),
        fc.integer({ min: 1, max: days * DAY }),
        fc.boolean(),
        (perHost, fromOffset, length, asHost) => {
          const from = new Date(T0 + fromOffset);
          const to = new Date(Math.min(T0 + fromOffset + length, T0 + days * DAY));
          // As groupBy=host reads the category key: stored group "" becomes the host's name (one row per category).
          const rename = (group: string) => (asHost ? "host" : group);
          const stored = perHost.map((events) =>
            asHost ? events.map((event) => ({ at: event.at, set: event.set.map(([, category, bytes]): Assignment => ["", category, bytes]) })) : events,
          );
          const named = (events: ReportEvent[]) =>
            events.map((event) => ({ at: event.at, set: event.set.map(([group, c, b]): Assignment => [rename(group), c, b]) }));
          const fromEvents: CostReportHost[] = stored.map((events, i) => ({ hostId: `h${i}`, hostName: `h${i}`, events: named(events) }));
          const fromSpans: CostReportHost[] = stored.map((events, i) => {
            const builder = new HostReportBuilder(from.getTime(), to.getTime(), rename);
            for (const { span, from: spanFrom, to: spanTo } of packedDays(events, days)) builder.add(span, spanFrom, spanTo);
            return { hostId: `h${i}`, hostName: `h${i}`, report: builder.result() };
          });
          const groupBy = "image";
          expect(buildCostReport({ hosts: fromSpans, from, to, groupBy })).toEqual(buildCostReport({ hosts: fromEvents, from, to, groupBy }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a span written by another version as missing", () => {
    const bytes = encodeSpan(packSpan([{ at: -Infinity, set: [["a", "images", 1]] }], T0, T0 + DAY), 2);
    expect(decodeSpan(bytes, 2)?.slots).toEqual([["a", 0]]);
    expect(decodeSpan(bytes, 3)).toBeNull();
    expect(decodeSpan(new TextEncoder().encode('{"s":[],"c":[]}'), 3)).toBeNull();
  });

  it("keeps Σ bytes × ms exact past 2^53", () => {
    const events: ReportEvent[] = [{ at: -Infinity, set: [["big", "volumes", 2 ** 52 + 1]] }];
    const span = packSpan(events, T0, T0 + DAY);
    expect(span.integrals).toEqual([[0, (BigInt(2 ** 52 + 1) * BigInt(DAY)).toString()]]);
  });

  it("drops retention's removed runs from packed spans exactly as packing the moved rows again would", () => {
    const days = 3;
    const run = fc
      .tuple(fc.integer({ min: 0, max: days * DAY - 2 }), fc.oneof(fc.integer({ min: 1, max: DAY / 2 }), fc.constant(Infinity)), fc.boolean())
      .map(([start, length, atChange]) => ({ from: T0 + start, to: T0 + start + length, atChange }));
    fc.assert(
      fc.property(hostEvents(days), fc.array(run, { maxLength: 4 }), fc.integer({ min: 0, max: days * DAY - 2 }), (events, candidates, fromOffset) => {
        // Runs never overlap: each ends at a kept snapshot, after which the next run starts.
        const runs: RemovedRun[] = [];
        for (const { from, to, atChange } of [...candidates].sort((a, b) => a.from - b.from)) {
          // Mostly as retention makes them: the run starts at a change (a deleted holder) and ends at another (the kept snapshot's own).
          const candidate = atChange ? { from: events.find((e) => e.at >= from)?.at ?? from, to: events.find((e) => e.at > from)?.at ?? to } : { from, to };
          if (candidate.to > candidate.from && runs.every((other) => candidate.from > other.to || candidate.to < other.from)) runs.push(candidate);
        }
        const expected = packedDays(withoutRuns(events, runs), days);
        const patched = spansWithoutRuns(packedDays(events, days), runs)!;
        const ranges = expected.map(({ from, to }, day) => ({ span: patched[day], from, to }));
        const from = new Date(T0 + fromOffset);
        const to = new Date(T0 + days * DAY);
        const report = (spans: typeof expected): CostReportHost[] => {
          const builder = new HostReportBuilder(from.getTime(), to.getTime(), (group) => group);
          for (const { span, from: spanFrom, to: spanTo } of spans) builder.add(span, spanFrom, spanTo);
          return [{ hostId: "h", hostName: "h", report: builder.result() }];
        };
        expect(buildCostReport({ hosts: report(ranges), from, to, groupBy: "image" })).toEqual(
          buildCostReport({ hosts: report(expected), from, to, groupBy: "image" }),
        );
        expect(ranges.map(({ span }) => new Map(span.integrals.map(([slot, sum]) => [span.slots[slot].join(), sum])))).toEqual(
          expected.map(({ span }) => new Map(span.integrals.map(([slot, sum]) => [span.slots[slot].join(), sum]))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("cannot drop a run that starts before the spans it reaches into", () => {
    const spans = [{ span: packSpan([{ at: -Infinity, set: [["a", "images", 1]] }], T0 + DAY, T0 + 2 * DAY), from: T0 + DAY, to: T0 + 2 * DAY }];
    expect(spansWithoutRuns(spans, [{ from: T0 + DAY - 5, to: T0 + DAY + 5 }])).toBeNull();
    expect(spansWithoutRuns(spans, [{ from: T0 + 5, to: T0 + 10 }])).not.toBeNull();
  });
});

/** The reference: rows in force at every moment, with each run's rows those just before it, as events again. */
function withoutRuns(events: ReportEvent[], runs: RemovedRun[]): ReportEvent[] {
  const key = ([group, category]: Assignment) => `${category}|${group}`;
  const stateThrough = (until: number, inclusive: boolean) => {
    const state = new Map<string, Assignment>();
    for (const event of events) {
      if (inclusive ? event.at > until : event.at >= until) break;
      for (const entry of event.set) {
        if (entry[2] === 0) state.delete(key(entry));
        else state.set(key(entry), entry);
      }
    }
    return state;
  };
  const inForce = (at: number) => {
    const run = runs.find((r) => at >= r.from && at < r.to);
    return run ? stateThrough(run.from, false) : stateThrough(at, true);
  };
  const times = [...new Set([...events.map((event) => event.at), ...runs.map((run) => run.to)])].filter(Number.isFinite).sort((a, b) => a - b);
  const out: ReportEvent[] = events[0]?.at === -Infinity ? [events[0]] : [];
  let previous = stateThrough(-Infinity, true);
  for (const at of times) {
    const next = inForce(at);
    const set: Assignment[] = [...next.values()].filter((entry) => previous.get(key(entry))?.[2] !== entry[2]);
    for (const [slot, [group, category]] of previous) if (!next.has(slot)) set.push([group, category, 0]);
    if (set.length > 0) out.push({ at, set });
    previous = next;
  }
  return out;
}
