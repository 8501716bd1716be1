import { expect, type Page } from "@playwright/test";

// The admin the e2e server is started with (playwright.config.ts webServer env).
export const ADMIN = {
  username: process.env.BALLAST_ADMIN_USER ?? "e2e-admin",
  password: process.env.BALLAST_ADMIN_PASSWORD ?? "e2e-admin-password",
};

/** Signs the page's browser context in (page.request shares its cookies): this server has accounts, so every page needs one. */
export async function signIn(page: Page, account: { username: string; password: string } = ADMIN): Promise<void> {
  expect((await page.request.post("/api/auth/login", { data: account })).status()).toBe(200);
}
