import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/admin";
import { E2E_SOCKET, engineGet } from "./support/engine";

// Signs in, approves a cleanup of waste this spec made itself (an orphaned anonymous volume: the scene's
// own objects are left alone, other specs read them), and finds the run in the audit log.
// The e2e server gets BALLAST_ADMIN_USER / BALLAST_ADMIN_PASSWORD from playwright.config.ts's webServer env.
const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
const docker = (args: string[]) => execFileSync(DOCKER, args, { env: { ...process.env, DOCKER_HOST: `unix://${E2E_SOCKET}` }, encoding: "utf8" }).trim();

test("signs in, approves an orphaned anonymous volume's removal and finds it in the audit log", async ({ page }) => {
  const volume = docker(["volume", "create"]);
  docker([
    "run",
    "--rm",
    "--network",
    "none",
    "-v",
    `${volume}:/v`,
    "ballast-test/base:1",
    "sh",
    "-c",
    "dd if=/dev/urandom of=/v/w.bin bs=1024 count=256 2>/dev/null",
  ]);
  // Accounts exist: every page asks for a sign-in first.
  await page.goto("/");
  await page.getByLabel("User name").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const host = page.getByRole("article", { name: "Host local" });
  const polled = page.waitForResponse((r) => r.url().endsWith("/poll") && r.request().method() === "POST");
  await host.getByRole("button", { name: "Poll now" }).click();
  expect((await polled).status()).toBe(200);

  await page.goto("/savings");
  await expect(page.getByLabel("Session")).toContainText(ADMIN.username);
  await page.getByRole("button", { name: "Targets of Remove unused anonymous volumes" }).click();
  const block = page.getByRole("region", { name: "Remove unused anonymous volumes on local" });
  await expect(block.getByRole("table")).toContainText(volume);
  await page.screenshot({ path: "test-results/screenshots/savings.png", fullPage: true });
  await block.getByRole("button", { name: "Approve" }).click();

  const dialog = page.getByRole("dialog");
  const targets = dialog.getByRole("table", { name: "Targets to delete" });
  // The dry run lists exactly what runs: only this spec's volume, never the scene's.
  await expect(targets.locator("tbody tr")).toHaveCount(1);
  await expect(targets).toContainText(volume);
  await page.screenshot({ path: "test-results/screenshots/savings-confirm.png", fullPage: true });
  await dialog.getByRole("button", { name: "Delete 1 target" }).click();
  await expect(dialog.getByLabel("Run result")).toContainText("Run done", { timeout: 60_000 });
  await expect(dialog.getByRole("row", { name: new RegExp(volume) })).toContainText("removed");
  await page.screenshot({ path: "test-results/screenshots/savings-run.png", fullPage: true });
  const volumes = await engineGet<{ Volumes: { Name: string }[] }>("/volumes");
  expect(volumes.Volumes.map((v) => v.Name)).not.toContain(volume);
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.getByRole("link", { name: "Audit" }).click();
  const run = page.getByRole("article").filter({ hasText: "Remove unused anonymous volumes on local" }).first();
  await expect(run).toContainText(`Approved by ${ADMIN.username}`);
  await expect(run.getByRole("row", { name: new RegExp(volume) })).toContainText("removed");
  await page.screenshot({ path: "test-results/screenshots/audit.png", fullPage: true });
});

test("the approve confirmation is a modal dialog: focus stays inside, Escape closes it, focus returns to Approve", async ({ page }) => {
  await page.goto("/savings");
  await page.getByLabel("User name").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Session")).toContainText(ADMIN.username);
  await page.getByRole("button", { name: "Targets of Remove dangling images" }).click();
  const approve = page.getByRole("region", { name: "Remove dangling images on local" }).getByRole("button", { name: "Approve" });
  await approve.click();

  const dialog = page.getByRole("dialog", { name: "Remove dangling images on local" });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((el) => el.tagName === "DIALOG" && (el as HTMLDialogElement).open && el.matches(":modal"))).toBe(true);
  // A modal <dialog> makes the page behind inert: Tab never lands on anything behind it (past the last
  // button, Chromium hands focus to the browser itself, where activeElement is the body).
  const focusBehind = () => dialog.evaluate((el) => document.activeElement !== document.body && !el.contains(document.activeElement));
  let inside = 0;
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await focusBehind()).toBe(false);
    if (await dialog.evaluate((el) => el.contains(document.activeElement))) inside++;
  }
  expect(inside).toBeGreaterThan(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(approve).toBeFocused();
});
