// The admin the e2e server is started with (playwright.config.ts webServer env).
export const ADMIN = {
  username: process.env.BALLAST_ADMIN_USER ?? "e2e-admin",
  password: process.env.BALLAST_ADMIN_PASSWORD ?? "e2e-admin-password",
};
