import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// A second dashboard from the same build, started where no Docker engine answers, on an empty database.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
let server: ChildProcess;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-noengine-"));
  server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(PORT), DOCKER_HOST: "unix:///nonexistent/docker.sock", DATABASE_URL: `file:${path.join(dir, "b.db")}` },
    stdio: "ignore",
  });
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the second dashboard did not start");
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("with no engine in reach the page says so and how to add one", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const notice = page.getByRole("status");
  await expect(notice).toContainText("No Docker engine is reachable");
  await expect(notice).toContainText("DOCKER_HOST");
  await expect(page.getByRole("region", { name: "Add a host" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/no-engine.png", fullPage: true });
});
