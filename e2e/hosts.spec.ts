import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/admin";
import { E2E_SOCKET } from "./support/engine";

// The hosts page as an admin uses it: test a wrong endpoint (refused, on loopback port 9), test and add
// the right one, edit it, disable it, delete it after a confirmation that counts its snapshots.
test("an admin adds, tests, edits, disables and deletes a host on the hosts page", async ({ page }) => {
  await page.goto("/hosts");
  const signIn = page.getByRole("region", { name: "Sign in" });
  await signIn.getByLabel("User name").fill(ADMIN.username);
  await signIn.getByLabel("Password").fill(ADMIN.password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn).toBeHidden();

  const form = page.getByRole("form", { name: "Add a host" });
  await form.getByLabel("Name", { exact: true }).fill("e2e-second");
  await form.getByLabel("Endpoint").fill("tcp://127.0.0.1:9");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status", { name: "Connection test" })).toContainText("Cannot connect (refused)");
  await expect(form.getByRole("group", { name: /TLS/ })).toBeVisible();

  await form.getByLabel("Endpoint").fill(`unix://${E2E_SOCKET}`);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status", { name: "Connection test" })).toContainText(/Connected: Docker 2\d\.\d+\.\d+\S* \(API 1\.\d+\), overlay2/);
  await form.getByLabel("Poll interval (seconds)").fill("3600");
  await form.getByRole("button", { name: "Add host" }).click();
  const row = page.getByRole("row", { name: "Host e2e-second" });
  await expect(row.locator('[data-status="ok"]')).toHaveText("OK");
  await expect(row).toContainText("3600 s");

  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit host e2e-second" });
  await edit.getByLabel("Poll interval (seconds)").fill("120");
  await edit.getByLabel("Price, $ per GB-month (empty: the default)").fill("0.1");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status", { name: "Notice" })).toHaveText("e2e-second saved.");
  await expect(row).toContainText("120 s");

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.locator('[data-status="disabled"]')).toContainText("Disabled since");
  await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();

  const snapshots = Number(await row.getByRole("cell").nth(6).innerText());
  expect(snapshots).toBeGreaterThanOrEqual(1);
  await row.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete e2e-second" });
  await expect(dialog).toContainText(`This deletes ${snapshots === 1 ? "1 snapshot" : `${snapshots} snapshots`} of e2e-second`);
  await expect(dialog).toContainText("cleanup runs and audit entries stay");
  await dialog.getByRole("button", { name: `Delete e2e-second and ${snapshots} snapshots` }).click();
  await expect(page.getByRole("status", { name: "Notice" })).toHaveText(`e2e-second deleted with ${snapshots} snapshots.`);
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("row", { name: "Host local" })).toBeVisible();

  // Retention: the rule, and what its pass at start did (server-rendered, so read it after a reload).
  await page.reload();
  const retention = page.getByRole("region", { name: "Retention" });
  await expect(retention).toContainText("Every snapshot is kept for 14 days, then one per hour until 90 days, then one per day");
  await expect(retention.getByRole("status", { name: "Last retention pass" })).toContainText(/0 snapshots removed, \d+ kept\. Database \d/);
});
