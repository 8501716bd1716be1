import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/admin";

// The fleet page at 50 hosts, seeded into the e2e database through Ballast's own store (e2e/support/
// seedFleet.mts), not from 50 engines: totals, the status count, one sortable, filterable table whose
// rows open the host. The seeded hosts are removed again at the end.
type Seeded = { name: string; totalBytes: number; status: string }[];
const seed = (mode: "seed" | "remove", count = 50): Seeded =>
  JSON.parse(
    execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/seedFleet.mts", mode, String(count)], { encoding: "utf8" }),
  );

test.afterAll(() => void seed("remove"));

test("the fleet page reads at 50 hosts: totals, hosts by status, a sortable, filterable table", async ({ page }) => {
  const seeded = seed("seed");
  expect(seeded).toHaveLength(50);
  await signIn(page);
  await page.goto("/");
  const totals = page.getByRole("region", { name: "Fleet totals" });
  await expect(totals.getByRole("heading")).toContainText(/^\d+ hosts/);
  const hostCount = Number((await totals.getByRole("heading").innerText()).split(" ")[0]);
  expect(hostCount).toBeGreaterThanOrEqual(50);
  await expect(totals.getByLabel("Hosts by status")).toContainText("5 unreachable");
  // Growth is over the hosts present for the whole day; the five added two hours ago are steps, never growth.
  const growth = totals.getByLabel("Fleet growth");
  await expect(growth).toContainText(/\/day over the 45 of \d+ hosts present for the whole day/);
  await expect(growth.getByLabel("Steps, not growth")).toContainText("fleet-04 added: +");
  // Logs: no seeded host measured them, and the agent-less e2e host neither.
  await expect(totals.locator('tr[data-category="logs"]')).toContainText("not measured");
  // The soonest fill date: fleet-41 grows 41 GB a day on its data root (the seed's agent figures).
  await expect(totals.getByLabel("Fleet fill date")).toContainText(/fleet-41 around .* \(soonest of 5 hosts with disk figures\)/);
  // No card per host at this size: the table is the view.
  await expect(page.getByRole("article")).toHaveCount(0);

  const table = page.getByRole("table", { name: "hosts" });
  await expect(page.getByText(`${hostCount} rows`)).toBeVisible();
  await page.getByLabel("Filter hosts").fill("fleet-0");
  await expect(page.getByText(`9 of ${hostCount} rows`)).toBeVisible();
  await page.getByLabel("Filter hosts").fill("fleet refused");
  await expect(page.getByText(`5 of ${hostCount} rows`)).toBeVisible();
  await page.getByLabel("Filter hosts").fill("fleet-");

  // Sorted by total, largest first: fleet-50 has the largest app layer and volume.
  await table.getByRole("button", { name: "Total" }).click();
  const first = table.locator("tbody tr").first();
  await expect(first).toContainText("fleet-50");
  await table.getByRole("button", { name: "Total" }).click();
  await expect(table.locator("tbody tr").first()).toContainText("fleet-01");

  // Disk full: a date where the agent measured the disk, "unknown" elsewhere; soonest first.
  await table.getByRole("button", { name: "Disk full" }).click();
  await expect(table.locator("tbody tr").first()).toContainText("fleet-41");
  await expect(table.locator("tbody tr").nth(5)).toContainText("unknown");
  await page.screenshot({ path: "test-results/screenshots/fleet-50-fill.png", fullPage: true });
  await table.getByRole("button", { name: "Total" }).click();
  await expect(table.locator("tbody tr").first()).toContainText("fleet-50");
  await table.getByRole("button", { name: "Total" }).click();
  await expect(table.locator("tbody tr").first()).toContainText("fleet-01");

  await table.locator("tbody tr").first().getByRole("cell").nth(2).click();
  await expect(page).toHaveURL(/\/hosts\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("fleet-01");
});
