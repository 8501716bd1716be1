import { expect, test } from "@playwright/test";
import { engineGet, type SystemDf } from "./support/engine";

test("the fleet overview shows the local engine's bytes as Docker counts them", async ({ page }) => {
  await page.goto("/");
  const host = page.getByRole("article", { name: "Host local" });
  await expect(host.getByText("OK", { exact: true })).toBeVisible();
  // Other specs may change the engine: poll now so the page and /system/df describe the same moment.
  const polled = page.waitForResponse((r) => r.url().endsWith("/poll") && r.request().method() === "POST");
  await host.getByRole("button", { name: "Poll now" }).click();
  expect((await polled).status()).toBe(200);
  await expect(host.getByRole("button", { name: "Poll now" })).toBeEnabled();
  const df = await engineGet<SystemDf>("/system/df");

  const bytesOf = (category: string) => host.locator(`tr[data-category="${category}"] td[data-bytes]`).getAttribute("data-bytes");
  await expect.poll(async () => Number(await bytesOf("images"))).toBe(df.LayersSize);
  await expect.poll(async () => Number(await bytesOf("containers"))).toBe(df.Containers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0));
  await expect.poll(async () => Number(await bytesOf("volumes"))).toBe(df.Volumes.reduce((sum, v) => sum + v.UsageData.Size, 0));
  await expect.poll(async () => Number(await bytesOf("buildCache"))).toBe(df.BuildCache.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0));
  await expect(host.locator('tr[data-category="logs"]')).toContainText("not measured");

  const chart = host.getByRole("img", { name: "Shared versus unique bytes of the largest images" });
  await expect(chart).toBeVisible();
  await expect(chart.getByText("ballast-test/app-a:1")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/fleet.png", fullPage: true });
});

test("adding an unreachable host shows a clear error and keeps the local host", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Name").fill("nowhere");
  await page.getByLabel("Endpoint").fill("tcp://127.0.0.1:9");
  await page.getByRole("button", { name: "Add host" }).click();
  const added = page.getByRole("article", { name: "Host nowhere" });
  await expect(added.getByText("Poll failed", { exact: true })).toBeVisible();
  await expect(added.getByRole("alert")).toContainText("Cannot reach tcp://127.0.0.1:9");
  await expect(page.getByRole("article", { name: "Host local" }).getByText("OK", { exact: true })).toBeVisible();
});
