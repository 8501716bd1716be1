import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/admin";

// Trends that mean something, in the browser: hosts with days of history seeded through the real store
// (e2e/support/seedTrend.mts). A host answering as another engine and a host added are steps, labelled,
// never growth; the fleet's rate is over the hosts present all period; under an hour: not enough history.
type Seeded = { name: string; id: string }[];
const seed = (mode: "seed" | "remove"): Seeded =>
  JSON.parse(execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/seedTrend.mts", mode], { encoding: "utf8" }));

test.afterAll(() => void seed("remove"));

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test("Reports: steps are labelled, growth is over hosts present all period, and a young host has not enough history yet", async ({ page }) => {
  const seeded = seed("seed");
  await signIn(page);
  await page.goto("/reports");
  await page.getByLabel("Period").selectOption("custom");
  await page.getByLabel("From (00:00 UTC)").fill(day(-3));
  await page.getByLabel("To (not included)").fill(day(1));

  const trends = page.getByRole("region", { name: "Trends" });
  await expect(trends.getByTestId("growth-note")).toContainText(/over the 1 of \d+ hosts present for the whole period/);
  await expect(trends.getByTestId("growth")).toHaveText(/^\+\d.* GB\/day$/);
  const steps = trends.getByLabel("Steps, not growth");
  await expect(steps).toContainText("trend-moved answers as another engine: new series: −37.0 GB");
  await expect(steps).toContainText("trend-new added: +");
  // The chart draws the step where it happened, named.
  await expect(trends.getByRole("img").getByText("trend-moved: new engine")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/trends-fleet-steps.png", fullPage: true });

  // One host: its rate over its current series only (the new engine's flat 3 GB), the step still listed.
  await trends.getByLabel("Scope").selectOption({ label: "trend-moved" });
  await expect(trends.getByTestId("growth")).toHaveText("+0 B/day");
  await expect(trends.getByTestId("growth-note")).toContainText("measured");
  await expect(trends.getByLabel("Steps, not growth")).toContainText("trend-moved answers as another engine");

  await trends.getByLabel("Scope").selectOption({ label: "trend-new" });
  await expect(trends.getByTestId("growth")).toHaveText("not enough history yet");
  await expect(trends.getByTestId("growth-note")).toContainText("a rate needs an hour");
  await page.screenshot({ path: "test-results/screenshots/trends-not-enough-history.png", fullPage: true });

  // The host page shows the same rule over its last week.
  await page.goto(`/hosts/${seeded.find((h) => h.name === "trend-moved")!.id}`);
  const hostTrend = page.getByRole("region", { name: "Host trend" });
  await expect(hostTrend.getByTestId("growth")).toHaveText("+0 B/day");
  await expect(hostTrend.getByLabel("Steps, not growth")).toContainText("new series: −37.0 GB");
  await page.screenshot({ path: "test-results/screenshots/host-trend-steps.png", fullPage: true });
});
