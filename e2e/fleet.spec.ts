import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./support/admin";
import { engineGet, type SystemDf } from "./support/engine";

test("the fleet overview shows the local engine's bytes as Docker counts them", async ({ page }) => {
  await signIn(page);
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

test("an admin adds an unreachable host: a clear error, and the local host stays", async ({ page }) => {
  // Accounts exist on this server, so adding hosts needs a signed-in admin.
  const anonymous = await page.request.post("/api/hosts", { data: { name: "sneaky", endpoint: "tcp://127.0.0.1:9" } });
  expect(anonymous.status()).toBe(401);
  await page.goto("/");
  // Accounts exist: the page shows nothing but a sign-in form until someone signs in.
  await expect(page.getByRole("article", { name: "Host local" })).toHaveCount(0);
  await page.getByLabel("User name").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const form = page.getByRole("region", { name: "Add a host" });
  await form.getByLabel("Name", { exact: true }).fill("nowhere");
  await form.getByLabel("Endpoint").fill("tcp://127.0.0.1:9");
  await form.getByRole("button", { name: "Add host" }).click();
  const added = page.getByRole("article", { name: "Host nowhere" });
  // Port 9 on loopback refuses: the host reads unreachable, with the cause.
  await expect(added.locator('[data-status="unreachable"]')).toContainText(/Unreachable since .*\(refused\)/);
  await expect(added.getByRole("alert")).toContainText("Cannot reach tcp://127.0.0.1:9");
  await expect(page.getByRole("article", { name: "Host local" }).getByText("OK", { exact: true })).toBeVisible();
});

test("a failed background refresh keeps the fleet on screen with a small note, gone once a refresh works", async ({ page }) => {
  await signIn(page);
  await page.goto("/");
  const host = page.getByRole("article", { name: "Host local" });
  await expect(host).toBeVisible();
  // Fault injected in the browser: from now on GET /api/hosts answers 500 (the page refetches every 15 s).
  const failing = JSON.stringify({ error: { code: "internal", message: "The server is restarting" } });
  await page.route("**/api/hosts", (route) => route.fulfill({ status: 500, contentType: "application/json", body: failing }));
  const note = page.getByRole("status").filter({ hasText: "Could not refresh" });
  await expect(note).toContainText("The server is restarting", { timeout: 40_000 });
  await expect(host).toBeVisible();
  await expect(host.locator('tr[data-category="images"] td[data-bytes]')).toBeVisible();
  // The failure shows once, as the note: no error box took the fleet's place.
  await expect(page.getByText("The server is restarting")).toHaveCount(1);
  await page.screenshot({ path: "test-results/screenshots/fleet-refresh-failed.png", fullPage: true });
  await page.unroute("**/api/hosts");
  await expect(note).toBeHidden({ timeout: 40_000 });
});
