import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script used by scripts/start.mjs
import { serverExitStatus } from "@/scripts/serverExitStatus.mjs";

// `npm start` must exit non-zero when the server dies (issue 8: it exited 0 after kill -9, so a
// supervisor would not restart it).

describe("npm start's exit status", () => {
  it("is non-zero when the server is killed or fails, zero for a stop it was asked for", () => {
    expect(serverExitStatus(null, "SIGKILL", false)).toBe(137);
    expect(serverExitStatus(null, "SIGTERM", false)).toBe(143);
    expect(serverExitStatus(null, "SIGTERM", true)).toBe(0);
    expect(serverExitStatus(1, null, false)).toBe(1);
    expect(serverExitStatus(0, null, true)).toBe(0);
  });

  it("reports a real child killed by SIGKILL as 137, as a shell does", () => {
    const child = spawnSync(process.execPath, ["-e", "process.kill(process.pid, 'SIGKILL')"]);
    expect(serverExitStatus(child.status, child.signal, false)).toBe(137);
  });
});
