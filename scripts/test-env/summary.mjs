#!/usr/bin/env node
// Prints one closing line for the whole suite, "N passed, N failed[, N skipped]", from vitest's and
// Playwright's JSON reports. A missing report (a runner that crashed) counts as a failure.
import fs from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, playwrightFile] = process.argv.slice(2);

try {
  const vitest = JSON.parse(fs.readFileSync(vitestFile, "utf8"));
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A file that failed outside any test (e.g. in beforeAll) has no failed test of its own: count it once.
  failed += (vitest.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  ).length;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
} catch {
  console.error(`no vitest report at ${vitestFile}`);
  failed += 1;
}
try {
  const playwright = JSON.parse(fs.readFileSync(playwrightFile, "utf8"));
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
} catch {
  console.error(`no playwright report at ${playwrightFile}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
