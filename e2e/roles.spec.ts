import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/admin";

// A viewer, an approver and an admin each sign in through the page and see only what their role may do.

const PASSWORD = "role-spec-password";
const VIEWER = { username: "e2e-viewer", password: PASSWORD, role: "viewer" };
const APPROVER = { username: "e2e-approver", password: PASSWORD, role: "approver" };

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  for (const user of [VIEWER, APPROVER]) {
    const created = await page.request.post("/api/users", { data: user });
    expect([201, 409]).toContain(created.status());
  }
  await page.close();
});

async function signInThroughPage(browser: Browser, account: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await page.getByLabel("User name").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Signed in")).toContainText(account.username);
  await expect(page.getByRole("article", { name: "Host local" })).toBeVisible();
  return page;
}

async function approveControls(page: Page) {
  await page.goto("/savings");
  await page
    .getByRole("button", { name: /^Targets of/ })
    .first()
    .click();
  return { approve: page.getByRole("button", { name: "Approve" }), refused: page.getByText("Needs an approver or admin") };
}

test("a viewer reads everything and can change nothing", async ({ browser }) => {
  const page = await signInThroughPage(browser, VIEWER);
  const host = page.getByRole("article", { name: "Host local" });
  await expect(host.getByRole("button", { name: "Poll now" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Add a host" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  const hostId = (await (await page.request.get("/api/hosts")).json()).hosts[0].id as string;
  expect((await page.request.post(`/api/hosts/${hostId}/poll`)).status()).toBe(403);
  expect((await page.request.get("/api/users")).status()).toBe(403);
  const { approve, refused } = await approveControls(page);
  await expect(refused.first()).toBeVisible();
  await expect(approve).toHaveCount(0);
  await page.goto("/reports");
  await expect(page.getByText("Your role (viewer) may not change prices.")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/role-viewer.png", fullPage: true });
});

test("an approver also polls and approves, but manages no hosts or users", async ({ browser }) => {
  const page = await signInThroughPage(browser, APPROVER);
  const host = page.getByRole("article", { name: "Host local" });
  await expect(host.getByRole("button", { name: "Poll now" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Add a host" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  expect((await page.request.post("/api/hosts", { data: { name: "nope", endpoint: "tcp://127.0.0.1:9" } })).status()).toBe(403);
  const { refused } = await approveControls(page);
  await expect(page.getByRole("button", { name: /^Targets of/ }).first()).toBeVisible();
  await expect(refused).toHaveCount(0);
});

test("an admin manages users: a role change signs that user out", async ({ browser }) => {
  const viewer = await signInThroughPage(browser, VIEWER);
  const page = await signInThroughPage(browser, ADMIN);
  await expect(page.getByRole("region", { name: "Add a host" })).toBeVisible();
  await page.getByRole("link", { name: "Users" }).click();
  const row = page.getByRole("row", { name: `User ${VIEWER.username}` });
  await row.getByLabel(`Role of ${VIEWER.username}`).selectOption("approver");
  await expect(row.getByLabel(`Role of ${VIEWER.username}`)).toHaveValue("approver");
  await row.getByLabel(`Role of ${VIEWER.username}`).selectOption("viewer");
  await expect(row.getByLabel(`Role of ${VIEWER.username}`)).toHaveValue("viewer");
  expect((await viewer.request.get("/api/hosts")).status()).toBe(401);
  await page.screenshot({ path: "test-results/screenshots/users.png", fullPage: true });
  await page.goto("/audit");
  await expect(page.getByRole("table", { name: "Admin actions" })).toContainText("user changed");
});
