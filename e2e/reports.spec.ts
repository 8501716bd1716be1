import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { ADMIN, signIn } from "./support/admin";
import { expect, test, type Page } from "@playwright/test";

// A person picks a month and a label key, downloads the CSV, and its rows add up to the cost the page shows.

async function groupByLabel(page: Page, key: string) {
  await page.getByLabel("Group by").selectOption("label");
  await page.getByLabel("Label key").fill(key);
  await expect(page.getByRole("columnheader", { name: `Label ${key}` })).toBeVisible();
}

test.beforeEach(async ({ page }) => signIn(page));

const totalCost = async (page: Page) => Number(await page.locator("tfoot td[data-cost]").getAttribute("data-cost"));

test("the CSV downloaded from the reports page adds up to the total the page shows", async ({ page }) => {
  await page.goto("/reports");
  // The month the app polled its host in (UTC), picked explicitly as a person would.
  const month = new Date().toISOString().slice(0, 7);
  await page.getByLabel("Month", { exact: true }).fill(month);
  await groupByLabel(page, "team");
  const table = page.getByRole("table", { name: "Cost per group" });
  await expect(table.locator('tr[data-group="alpha"]')).toBeVisible();
  await expect(table.locator('tr[data-group="unattributed"]')).toBeVisible();
  await expect(page.getByText("GB = 10^9 bytes, costs in USD")).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`ballast-cost-${month}.csv`);
  const rows = parse(fs.readFileSync((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];

  const pageGroups = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-group")));
  expect(rows.map((row) => row.group)).toEqual(pageGroups);
  expect(rows.every((row) => row.period === month && row.currency === "USD")).toBe(true);
  const csvCost = rows.reduce((sum, row) => sum + Number(row.cost), 0);
  expect(csvCost).toBeGreaterThan(0);
  expect(csvCost).toBeCloseTo(await totalCost(page), 12);
  await page.screenshot({ path: "test-results/screenshots/reports-label-team.png", fullPage: true });
});

test("the trends section shows the fleet's bytes and says the fill date needs the host agent", async ({ page }) => {
  await page.goto("/reports");
  const trends = page.getByRole("region", { name: "Trends" });
  await expect(trends.getByRole("img", { name: "Bytes per category over time for the fleet" })).toBeVisible();
  await expect(trends.getByTestId("fill-date")).toHaveText("disk size unknown — needs the host agent");
  await trends.getByLabel("Scope").selectOption({ label: "local" });
  await expect(trends.getByRole("img", { name: "Bytes per category over time for local" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/reports-trends.png", fullPage: true });
});

test("a new price for a host changes the report's cost in proportion", async ({ page }) => {
  // Changing a price needs a signed-in admin on a server with accounts (the cookie is shared with the page).
  expect((await page.request.post("/api/auth/login", { data: ADMIN })).status()).toBe(200);
  await page.goto("/reports");
  await expect(page.locator("tfoot td[data-cost]")).toBeVisible();
  const before = await totalCost(page);
  const price = page.getByLabel("Price per GB-month for local");
  await price.fill("0.08");
  await price.press("Enter");
  await expect.poll(() => totalCost(page)).toBeCloseTo(before * 2, 12);
  // Back to the default, so other specs see the page as a fresh install does.
  await page.getByLabel("Price per GB-month for local").fill("");
  await page.getByLabel("Price per GB-month for local").press("Enter");
  await expect.poll(() => totalCost(page)).toBeCloseTo(before, 12);
});
