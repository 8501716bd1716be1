import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/admin";
import { E2E_SOCKET } from "./support/engine";

// A person starts the agent on the e2e host with the README's command, adds it from the page with the
// token and fingerprint it printed, and sees its log bytes (equal to the files on disk) and its disk.
// Named to run last: it adds a host to the shared e2e server, which the other specs do not expect.

const E2E_DIR = path.join(process.cwd(), ".test-env", "e2e");
const DATA_ROOT = path.join(E2E_DIR, "dockerd", "root");
const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
const docker = (args: string[]) => execFileSync(DOCKER, args, { env: { ...process.env, DOCKER_HOST: `unix://${E2E_SOCKET}` }, encoding: "utf8" }).trim();
const PORT = Number(process.env.E2E_PORT ?? 3210) + 1000;

let agent: ChildProcess | null = null;

test.afterAll(async () => {
  agent?.kill("SIGTERM");
  docker(["rm", "-f", "e2e-logger"]);
});

function logBytesOnDisk(): number {
  let total = 0;
  for (const id of fs.readdirSync(path.join(DATA_ROOT, "containers"))) {
    const dir = path.join(DATA_ROOT, "containers", id);
    for (const name of fs.readdirSync(dir)) if (/-json\.log(\.\d+)?(\.gz)?$/.test(name)) total += fs.statSync(path.join(dir, name)).size;
  }
  return total;
}

test("an agent host added from the page shows its log bytes and its disk", async ({ page }) => {
  docker(["run", "--network", "none", "--name", "e2e-logger", "ballast-test/base:1", "sh", "-c", "seq 1 5000"]);
  let output = "";
  agent = spawn(
    process.execPath,
    ["--import", "tsx", "lib/agent/main.ts", "--listen", `127.0.0.1:${PORT}`, "--state-dir", path.join(E2E_DIR, "agent"), "--allow-actions"],
    { env: { ...process.env, DOCKER_HOST: `unix://${E2E_SOCKET}` }, stdio: ["ignore", "pipe", "pipe"] },
  );
  agent.stdout!.on("data", (chunk) => (output += chunk));
  await expect.poll(() => /token (\S+) \(written/.test(output) && /fingerprint sha256 (\S+)/.test(output), { timeout: 20_000 }).toBe(true);
  const token = /token (\S+) \(written/.exec(output)![1];
  const fingerprint = /fingerprint sha256 (\S+)/.exec(output)![1];

  // Accounts exist: the page asks for a sign-in before it shows anything.
  await page.goto("/");
  await page.getByLabel("User name").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const form = page.getByRole("region", { name: "Add a host" });
  await form.getByLabel("Name", { exact: true }).fill("agent-host");
  await form.getByLabel("Endpoint").fill(`https://127.0.0.1:${PORT}`);
  await form.getByLabel("Agent token").fill(token);
  await form.getByLabel("Agent fingerprint").fill(fingerprint);
  await form.getByRole("button", { name: "Add host" }).click();

  const host = page.getByRole("article", { name: "Host agent-host" });
  await expect(host.getByText("OK", { exact: true })).toBeVisible();
  const logs = host.locator('tr[data-category="logs"] td[data-bytes]');
  await expect.poll(async () => Number(await logs.getAttribute("data-bytes"))).toBe(logBytesOnDisk());
  expect(logBytesOnDisk()).toBeGreaterThan(50_000);
  await expect(host.getByTestId("figure-sources")).toContainText("by the Ballast agent");
  // The fleet's logs are measured on the agent host only: partial, never a silent total over all hosts.
  await expect(page.getByRole("region", { name: "Fleet totals" }).locator('tr[data-category="logs"]')).toContainText(/partial: 1 of \d+ hosts/);
  await page.screenshot({ path: "test-results/screenshots/fleet-agent-host.png", fullPage: true });

  const disk = host.getByRole("region", { name: "Disk" });
  const statfs = fs.statfsSync(DATA_ROOT);
  await expect(disk.locator(`[data-path="${DATA_ROOT}"]`)).toBeVisible();
  const free = Number(await disk.getByTestId("disk-free").first().getAttribute("data-bytes"));
  expect(Math.abs(free - statfs.bavail * statfs.bsize)).toBeLessThan(256 << 20);
  await expect(disk.getByRole("img", { name: new RegExp(`${DATA_ROOT}: .* used, .* free of`) })).toBeVisible();
  await expect(disk.getByTestId("fill-date").first()).toHaveText("Not enough history for a fill date yet (needs an hour of polls)");
  await expect(page.getByRole("article", { name: "Host local" }).getByText("Disk size unknown — needs the host agent.")).toBeVisible();
  // The token is write-only: not in the page.
  expect(await page.content()).not.toContain(token);
  await page.screenshot({ path: "test-results/screenshots/agent-host.png", fullPage: true });

  await page.goto("/reports");
  const disks = page.getByRole("table", { name: "Disks and fill dates" });
  await expect(disks).toContainText("agent-host");
  await expect(disks).toContainText(DATA_ROOT);
  expect(await page.content()).not.toContain(token);
});
