import { COST_CATEGORIES, type CostCategory } from "@/lib/analysis/cost";
import type { Assignment, ReportEvent } from "@/lib/analysis/costReport";

// A host's report events for one aggregate key, packed per span of time (a finished UTC day): what
// reportEvents() gives for that span (groups as stored, before the host's name is put in), with the
// span's exact Σ bytes × ms per (group, category) worked out once. A report over whole days then adds
// those sums instead of integrating every change again, and only replays the changes for the fleet's
// peaks (the most bytes at any moment summed over hosts needs each host's steps in time) and for the
// partial days at the range's edges. Figures are exactly those of integrating the events themselves.

/** One packed span. Slots are [group as stored, index in COST_CATEGORIES]. */
export type PackedSpan = {
  slots: [string, number][];
  /** The rows in force just before the span, flat [slot, bytes, …]; null: nothing known yet (before the host's first poll). */
  start: ArrayLike<number> | null;
  /** Every change, flat: [ms after the span's start, n, then n × (slot, bytes)], … (bytes 0: gone). */
  changes: ArrayLike<number>;
  /** [slot, Σ bytes × ms over the whole span as decimal text] for each slot held for a positive time. */
  integrals: [number, string][];
};

/** Packs the events of [from, to) (events before `from` count from `from`, none at or after `to`). */
export function packSpan(events: ReportEvent[], from: number, to: number): PackedSpan {
  const slots: [string, number][] = [];
  const index = new Map<string, number>();
  const slotOf = (group: string, category: CostCategory) => {
    const key = `${category}\u0000${group}`;
    let slot = index.get(key);
    if (slot === undefined) {
      slot = slots.length;
      index.set(key, slot);
      slots.push([group, COST_CATEGORIES.indexOf(category)]);
    }
    return slot;
  };
  const state = new Map<number, number>();
  const changes: number[] = [];
  let i = 0;
  // Only what came strictly before `from` is the start: a change at `from` itself is the span's own
  // (the span before ended without it, and a report reads later spans' changes, not their starts).
  for (; i < events.length && events[i].at < from; i += 1) {
    for (const [group, category, bytes] of events[i].set) {
      const slot = slotOf(group, category);
      if (bytes === 0) state.delete(slot);
      else state.set(slot, bytes);
    }
  }
  const start = i === 0 ? null : [...state].flat();
  for (; i < events.length && events[i].at < to; i += 1) {
    changes.push(events[i].at - from, events[i].set.length);
    for (const [group, category, bytes] of events[i].set) changes.push(slotOf(group, category), bytes);
  }
  const span: PackedSpan = { slots, start, changes, integrals: [] };
  span.integrals = [...spanIntegrals(span, from, from, to)].map(([slot, sum]) => [slot, sum.toString()]);
  return span;
}

/**
 * A span as bytes: a small JSON head (slots, sums) and the start and changes as raw float64s, so
 * reading a month of them is a copy per span, not a parse of every number.
 */
export function encodeSpan(span: PackedSpan, version: number): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode(
    JSON.stringify({ v: version, slots: span.slots, integrals: span.integrals, start: span.start ? span.start.length : -1, changes: span.changes.length }),
  );
  const offset = Math.ceil((4 + head.length) / 8) * 8;
  const startLength = span.start ? span.start.length : 0;
  const bytes = new Uint8Array(offset + 8 * (startLength + span.changes.length));
  new DataView(bytes.buffer).setUint32(0, head.length, true);
  bytes.set(head, 4);
  const numbers = new Float64Array(bytes.buffer, offset);
  if (span.start) numbers.set(span.start);
  numbers.set(span.changes, startLength);
  return bytes;
}

/** The span, or null when it was written by another version (`version` differs). */
export function decodeSpan(bytes: Uint8Array, version: number): PackedSpan | null {
  if (bytes.length < 4) return null;
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (bytes[4] !== 0x7b || 4 + headLength > bytes.length) return null; // not a JSON head: an older row
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headLength))) as {
    v: number;
    slots: [string, number][];
    integrals: [number, string][];
    start: number;
    changes: number;
  };
  if (head.v !== version) return null;
  const offset = Math.ceil((4 + headLength) / 8) * 8;
  const startLength = Math.max(head.start, 0);
  // Copied out: the bytes may sit at any offset of a shared buffer, and float64s need 8-byte alignment.
  // (new Uint8Array(view) copies; a Node Buffer's slice() would not).
  const numbers = new Float64Array(new Uint8Array(bytes.subarray(offset, offset + 8 * (startLength + head.changes))).buffer);
  return {
    slots: head.slots,
    integrals: head.integrals,
    start: head.start < 0 ? null : numbers.subarray(0, startLength),
    changes: numbers.subarray(startLength),
  };
}

/** Per slot held for a positive time within [windowFrom, windowTo): Σ bytes × ms, exact. */
function spanIntegrals(span: PackedSpan, spanFrom: number, windowFrom: number, windowTo: number): Map<number, bigint> {
  const sums = new Map<number, bigint>();
  const held = new Map<number, { bytes: number; since: number }>();
  const flush = (slot: number, until: number) => {
    const entry = held.get(slot);
    if (!entry || until <= entry.since) return;
    sums.set(slot, (sums.get(slot) ?? BigInt(0)) + BigInt(entry.bytes) * BigInt(until - entry.since));
  };
  const set = (slot: number, bytes: number, at: number) => {
    flush(slot, at);
    if (bytes === 0) held.delete(slot);
    else held.set(slot, { bytes, since: at });
  };
  const startAt = Math.max(spanFrom, windowFrom);
  const start = span.start ?? [];
  for (let k = 0; k < start.length; k += 2) set(start[k], start[k + 1], startAt);
  const changes = span.changes;
  for (let k = 0; k < changes.length;) {
    const at = spanFrom + changes[k];
    if (at >= windowTo) break;
    const end = Math.min(k + 2 + 2 * changes[k + 1], changes.length);
    for (k += 2; k < end; k += 2) set(changes[k], changes[k + 1], Math.max(at, windowFrom));
  }
  for (const slot of held.keys()) flush(slot, windowTo);
  return sums;
}

/** What a report needs of one host: Σ bytes × ms per group and category, and its steps for the peaks. */
export type HostReportData = { byteMs: Map<string, Map<CostCategory, bigint>>; steps: Steps };

/**
 * A host's steps in time order within [from, to): at `at[i]`, slot `slot[i]` holds `bytes[i]` (0: gone).
 * Slots are [group as the report names it, category]; steps before `from` are put at `from`.
 */
export type Steps = { slots: [string, CostCategory][]; at: number[]; slot: number[]; bytes: number[] };

/** Gathers one host's packed spans, oldest first, into what the report needs over [from, to). */
export class HostReportBuilder {
  private readonly steps: Steps = { slots: [], at: [], slot: [], bytes: [] };
  private readonly slotIndex = new Map<string, number>();
  private readonly byteMs = new Map<string, Map<CostCategory, bigint>>();
  private first = true;

  /** `rename` names a stored group as the report shows it (the host's name put in). */
  constructor(
    private readonly from: number,
    private readonly to: number,
    private readonly rename: (group: string, category: CostCategory) => string,
  ) {}

  /** Adds the span [spanFrom, spanTo) (spans follow each other: the first one's rows in force start the steps). */
  add(span: PackedSpan, spanFrom: number, spanTo: number): void {
    if (spanTo <= this.from || spanFrom >= this.to) return;
    const local = span.slots.map(([group, categoryIndex]) => {
      const category = COST_CATEGORIES[categoryIndex] as CostCategory;
      const name = this.rename(group, category);
      const key = `${category}\u0000${name}`;
      let slot = this.slotIndex.get(key);
      if (slot === undefined) {
        slot = this.steps.slots.length;
        this.slotIndex.set(key, slot);
        this.steps.slots.push([name, category]);
      }
      return slot;
    });
    const whole = spanFrom >= this.from && spanTo <= this.to;
    const sums = whole
      ? span.integrals.map(([slot, sum]) => [slot, BigInt(sum)] as const)
      : spanIntegrals(span, spanFrom, this.from, Math.min(this.to, spanTo));
    for (const [slot, sum] of sums) {
      const [group, category] = this.steps.slots[local[slot]];
      const byCategory = this.byteMs.get(group) ?? new Map<CostCategory, bigint>();
      byCategory.set(category, (byCategory.get(category) ?? BigInt(0)) + sum);
      this.byteMs.set(group, byCategory);
    }
    // Later spans start with the rows the one before ended with: only the first one's are steps.
    if (this.first && span.start) {
      const startAt = Math.max(spanFrom, this.from);
      for (let k = 0; k < span.start.length; k += 2) this.step(startAt, local[span.start[k]], span.start[k + 1]);
    }
    this.first = false;
    const changes = span.changes;
    for (let k = 0; k < changes.length;) {
      const when = spanFrom + changes[k];
      if (when >= this.to) break;
      const clamped = Math.max(when, this.from);
      const end = Math.min(k + 2 + 2 * changes[k + 1], changes.length);
      for (k += 2; k < end; k += 2) this.step(clamped, local[changes[k]], changes[k + 1]);
    }
  }

  private step(at: number, slot: number, bytes: number) {
    this.steps.at.push(at);
    this.steps.slot.push(slot);
    this.steps.bytes.push(bytes);
  }

  result(): HostReportData {
    return { byteMs: this.byteMs, steps: this.steps };
  }
}

/** Events (oldest first, groups as the report names them) as steps within [from, to). */
export function eventSteps(events: ReportEvent[], from: number, to: number): Steps {
  const steps: Steps = { slots: [], at: [], slot: [], bytes: [] };
  const index = new Map<string, number>();
  for (const event of events) {
    if (event.at >= to) break;
    const at = Math.max(event.at, from);
    for (const [group, category, bytes] of event.set) {
      const key = `${category}\u0000${group}`;
      let slot = index.get(key);
      if (slot === undefined) {
        slot = steps.slots.length;
        index.set(key, slot);
        steps.slots.push([group, category]);
      }
      steps.at.push(at);
      steps.slot.push(slot);
      steps.bytes.push(bytes);
    }
  }
  return steps;
}

/**
 * Per group: the most bytes at any moment, summed over every host's bytes at each change (all the
 * changes of one instant applied before comparing). The hosts' steps are merged in time order; the
 * sums are kept as they go and only the groups a change touched are compared: linear in the steps.
 */
export function fleetPeaks(perHost: Steps[]): { byGroup: Map<string, number>; total: number } {
  const groupIndex = new Map<string, number>();
  const groupNames: string[] = [];
  const slotGroups = perHost.map((steps) =>
    steps.slots.map(([group]) => {
      let index = groupIndex.get(group);
      if (index === undefined) {
        index = groupNames.length;
        groupIndex.set(group, index);
        groupNames.push(group);
      }
      return index;
    }),
  );
  const now = new Float64Array(groupNames.length);
  const peak = new Float64Array(groupNames.length);
  const seen = new Uint8Array(groupNames.length);
  const touched: number[] = [];
  const held = perHost.map((steps) => new Float64Array(steps.slots.length));
  const next = perHost.map(() => 0);
  let nowTotal = 0;
  let total = 0;
  for (;;) {
    let instant = Infinity;
    for (let h = 0; h < perHost.length; h += 1) if (next[h] < perHost[h].at.length && perHost[h].at[next[h]] < instant) instant = perHost[h].at[next[h]];
    if (instant === Infinity) break;
    for (let h = 0; h < perHost.length; h += 1) {
      const { at, slot, bytes } = perHost[h];
      const groups = slotGroups[h];
      const hostHeld = held[h];
      let i = next[h];
      for (; i < at.length && at[i] === instant; i += 1) {
        const change = bytes[i] - hostHeld[slot[i]];
        hostHeld[slot[i]] = bytes[i];
        const group = groups[slot[i]];
        now[group] += change;
        nowTotal += change;
        touched.push(group);
      }
      next[h] = i;
    }
    for (const group of touched) {
      if (now[group] > peak[group]) peak[group] = now[group];
      seen[group] = 1;
    }
    touched.length = 0;
    total = Math.max(total, nowTotal);
  }
  const byGroup = new Map<string, number>();
  groupNames.forEach((name, index) => seen[index] && byGroup.set(name, peak[index]));
  return { byGroup, total };
}

/**
 * Snapshots retention removed, as a run: every good snapshot in [from, to) went, and `to` is the next one
 * kept (Infinity: none kept after them). Their rows moved to `to`, so over [from, to) the rows in force
 * are those just before `from`, and at `to` those they were at `to` before.
 */
export type RemovedRun = { from: number; to: number };

/** A packed span and its range [from, to) in ms. */
export type SpanRange = { span: PackedSpan; from: number; to: number };

const slotKey = (group: string, category: CostCategory) => `${category}\u0000${group}`;

/** The events of consecutive spans (oldest first, each starting where the one before ends), in absolute time. */
function eventsOfSpans(spans: SpanRange[]): ReportEvent[] {
  const events: ReportEvent[] = [];
  spans.forEach(({ span, from }, index) => {
    const named = span.slots.map(([group, categoryIndex]) => [group, COST_CATEGORIES[categoryIndex] as CostCategory] as const);
    const assignment = (slot: number, bytes: number): Assignment => [named[slot][0], named[slot][1], bytes];
    // Later spans start with the rows the one before ended with: only the first one's start is an event.
    if (index === 0 && span.start) {
      const set: Assignment[] = [];
      for (let k = 0; k < span.start.length; k += 2) set.push(assignment(span.start[k], span.start[k + 1]));
      events.push({ at: -Infinity, set });
    }
    const changes = span.changes;
    for (let k = 0; k < changes.length;) {
      const at = from + changes[k];
      const end = Math.min(k + 2 + 2 * changes[k + 1], changes.length);
      const set: Assignment[] = [];
      for (k += 2; k < end; k += 2) set.push(assignment(changes[k], changes[k + 1]));
      events.push({ at, set });
    }
  });
  return events;
}

/**
 * A key's consecutive packed spans (oldest first, each starting where the one before ends) as packing
 * them again from the rows would give once retention removed the `runs`: nothing changes inside a run,
 * and at its end the change is what differs from the rows in force before it. Exact, and without reading
 * a row: the report events are a function of the rows in force at each moment, which moving rows forward
 * changes only inside the runs. Null when a run that reaches into the spans starts before the first one
 * (the rows in force before it are not in these spans).
 */
export function spansWithoutRuns(spans: SpanRange[], runs: RemovedRun[]): PackedSpan[] | null {
  if (spans.length === 0) return [];
  const first = spans[0].from;
  if (runs.some((run) => run.from < first && run.to >= first)) return null;
  const events = eventsOfSpans(spans);
  const state = new Map<string, Assignment>();
  const apply = (set: Assignment[]) => {
    for (const entry of set) {
      if (entry[2] === 0) state.delete(slotKey(entry[0], entry[1]));
      else state.set(slotKey(entry[0], entry[1]), entry);
    }
  };
  const kept: ReportEvent[] = [];
  let i = 0;
  for (const run of [...runs].sort((a, b) => a.from - b.from)) {
    for (; i < events.length && events[i].at < run.from; i += 1) {
      kept.push(events[i]);
      apply(events[i].set);
    }
    const before = new Map(state);
    for (; i < events.length && events[i].at <= run.to; i += 1) apply(events[i].set);
    if (run.to === Infinity) continue;
    const set: Assignment[] = [];
    for (const [slot, entry] of state) if (before.get(slot)?.[2] !== entry[2]) set.push(entry);
    for (const [slot, [group, category]] of before) if (!state.has(slot)) set.push([group, category, 0]);
    if (set.length > 0) kept.push({ at: run.to, set });
  }
  for (; i < events.length; i += 1) kept.push(events[i]);
  return spans.map(({ from, to }) => packSpan(kept, from, to));
}
