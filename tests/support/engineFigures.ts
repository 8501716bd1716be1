import fs from "node:fs";
import path from "node:path";

// Figures measured on each engine of the matrix, appended to .test-reports/engine-figures.jsonl so the
// closing note and docs/engines.md can quote what the last run measured.
export function recordEngineFigure(engine: string, what: string, figures: Record<string, unknown>): void {
  const file = path.resolve(import.meta.dirname, "../../.test-reports/engine-figures.jsonl");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify({ engine, what, ...figures })}\n`);
}
