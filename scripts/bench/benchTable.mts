// The one table `npm run bench` prints and the JSON file it writes: every row of issue 14's table (and
// the other sections' rows), each with its measured value, its target and whether it is met. Sections
// add rows through `row()`; nothing here measures.
import fs from "node:fs";
import path from "node:path";

export type BenchRow = {
  section: string;
  label: string;
  /** What is printed: the measured figure(s) with units. */
  value: string;
  /** Raw numbers for the JSON (ms, bytes, ratios), named. */
  numbers?: Record<string, number | null>;
  target?: string;
  /** true/false when the row has a target; undefined otherwise. */
  met?: boolean;
};

const rows: BenchRow[] = [];

export function row(entry: BenchRow): void {
  rows.push(entry);
  // Printed as it comes too: a long run shows progress, and a crash later keeps what was measured.
  console.error(
    `[bench] ${entry.section} · ${entry.label}: ${entry.value}${entry.target ? `  (target ${entry.target}: ${entry.met ? "met" : "NOT met"})` : ""}`,
  );
}

/** A section that failed still leaves one row saying why, and the bench goes on. */
export async function section(name: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    // The table keeps one line; the whole error (an empty message, a stack) goes to stderr for whoever reads the log.
    console.error(`[bench] ${name} failed:`, error);
    const message = (error as Error).message?.split("\n").find((line) => line.trim()) ?? String(error);
    row({ section: name, label: "section failed", value: message || "(an error without a message: see the log above)" });
  }
  row({ section: name, label: "section took", value: `${((Date.now() - started) / 1000).toFixed(0)} s` });
}

export function printTable(): void {
  const widths = [0, 0, 0];
  const cells = rows.map((r) => [`${r.section} · ${r.label}`, r.value, r.target ? `${r.target} ${r.met ? "✔ met" : "✘ NOT met"}` : ""]);
  for (const c of cells) c.forEach((text, i) => (widths[i] = Math.max(widths[i], text.length)));
  console.log(["what".padEnd(widths[0]), "measured".padEnd(widths[1]), "target"].join(" | "));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const c of cells) console.log(c.map((text, i) => text.padEnd(widths[i])).join(" | "));
}

export function writeJson(file: string, meta: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** The value at quantile q (0..1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0)} MB`;
export const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

/** Runs `a` and `b` in alternation `rounds` times (who goes first alternates too): both medians in ms. */
export async function alternate(a: () => Promise<unknown>, b: () => Promise<unknown>, rounds: number): Promise<{ a: number; b: number }> {
  const times = { a: [] as number[], b: [] as number[] };
  const timed = async (fn: () => Promise<unknown>, into: number[]) => {
    const start = performance.now();
    await fn();
    into.push(performance.now() - start);
  };
  for (let i = 0; i < rounds; i += 1) {
    if (i % 2 === 0) await timed(a, times.a).then(() => timed(b, times.b));
    else await timed(b, times.b).then(() => timed(a, times.a));
  }
  return { a: median(times.a), b: median(times.b) };
}
