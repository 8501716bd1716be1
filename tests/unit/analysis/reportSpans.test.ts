import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { COST_CATEGORIES, type CostCategory } from "@/lib/analysis/cost";
import { buildCostReport, type Assignment, type CostReportHost, type ReportEvent } from "@/lib/analysis/costReport";
import { decodeSpan, encodeSpan, HostReportBuilder, packSpan, type PackedSpan } from "@/lib/analysis/reportSpans";

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
});
