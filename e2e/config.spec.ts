import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm start` refuses a junk value before it builds (tests/unit/config); this is the built server
// started by hand with `next start`: it must stop too, naming the variable, not serve a half-started app.
// Port 0: the OS picks a free loopback port (other dashboards may be running on fixed ones).
test("next start on the build stops at once on a junk environment value, naming it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-junkenv-"));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", "0"], {
    env: { ...process.env, BALLAST_SESSION_HOURS: "forever", DATABASE_URL: `file:${path.join(dir, "b.db")}`, DOCKER_HOST: "unix:///nonexistent/docker.sock" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  try {
    const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
    expect(code).toBe(2);
    expect(output).toContain('BALLAST_SESSION_HOURS="forever": expected a number of hours above 0, at most 8760');
  } finally {
    server.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
