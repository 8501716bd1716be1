import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fleetOverview } from "@/lib/analysis/fleetOverview";
import { createPoller } from "@/lib/poller/scheduler";
import type { PollResult } from "@/lib/poller/pollHost";
import type { PollPool } from "@/lib/poller/pool";
import { db } from "@/lib/store/db";
import { growthWindow, loadFleetHosts } from "@/lib/store/fleetHosts";
import { createHost, getHost, type HostDto } from "@/lib/store/hosts";
// @ts-expect-error plain ESM scripts shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "../../../scripts/test-env/privateDockerd.mjs";
import { freePort, startAgent, type RunningAgent } from "@/tests/support/agentProcess";
import { dockerCli, engineGet } from "@/tests/support/engineCli";
import { manualClock } from "@/tests/support/manualClock";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The "done when" with real engines under the real poller pool: one private dockerd on a unix
// socket, one over TCP on loopback (the one that gets killed), both this test's own, and the scene's
// dockerd behind the real agent process. Fleet totals equal the engines' own /system/df; the TCP engine is
// killed (SIGKILL): its next poll reads unreachable (refused) with since when, while the others keep
// their schedule; restarted, it recovers by itself on its next retry. Then the socket engine is frozen
// (SIGSTOP): its poll times out at the deadline while the others finish beside it, and it recovers on
// SIGCONT. Time is the injected clock only: each step waits for the polls it caused, never for a duration.

const T0 = Date.parse("2026-03-01T10:00:00Z");
const INTERVAL_SEC = 300;
const DEADLINE_MS = 60_000;

type SystemDf = {
  LayersSize: number;
  Containers: { SizeRw?: number }[];
  Volumes: { UsageData?: { Size: number } }[];
  BuildCache: { Size: number; Shared: boolean }[] | null;
};

/** Docker's own figures for one engine, read over its unix socket without Ballast's client. */
async function dockerFigures(dockerHost: string) {
  const df = (await engineGet(dockerHost, "/system/df")) as SystemDf;
  return {
    images: df.LayersSize,
    containers: df.Containers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0),
    volumes: df.Volumes.reduce((sum, v) => sum + Math.max(0, v.UsageData?.Size ?? 0), 0),
    buildCache: (df.BuildCache ?? []).filter((record) => !record.Shared).reduce((sum, record) => sum + record.Size, 0),
  };
}

/** Mount points at or below `dir`, deepest first. */
const leftoverMounts = (dir: string) =>
  fs
    .readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[1])
    .filter((mount) => mount && (mount === dir || mount.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);

const pidOf = (dir: string) => Number(fs.readFileSync(path.join(dir, "docker.pid"), "utf8"));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Resolves once nothing accepts connections on the port any more (the engine is really gone). */
const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/_ping", timeout: 2000 }, (res) => (res.resume(), resolve(false)));
    req.on("error", () => resolve(true));
  });

describe("a fleet of real engines under the pool: one killed, the others on time, recovery by itself", () => {
  const clock = manualClock(T0);
  const waiters: { name: string; resolve: (result: PollResult) => void }[] = [];
  const polls: Record<string, number> = {};
  let cleanup: () => Promise<void>;
  let poller: PollPool | undefined;
  let agent: RunningAgent | undefined;
  let socketDir: string;
  let socketHost: string;
  let tcpDir: string;
  let tcpPort: number;
  let tcpSocket: string;
  let hosts: Record<"socket" | "tcp" | "agent", HostDto>;

  const nextPoll = (name: string) => new Promise<PollResult>((resolve) => waiters.push({ name, resolve }));
  const onPolled = (host: HostDto, result: PollResult) => {
    polls[host.name] = (polls[host.name] ?? 0) + 1;
    const index = waiters.findIndex((w) => w.name === host.name);
    if (index >= 0) waiters.splice(index, 1)[0].resolve(result);
  };

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    const dir = fs.mkdtempSync(path.join(inject("testRoot"), "fleet-"));
    socketDir = path.join(dir, "socket-engine");
    tcpDir = path.join(dir, "tcp-engine");
    tcpPort = await freePort();
    [socketHost, tcpSocket] = (await Promise.all([startPrivateDockerd(socketDir), startPrivateDockerd(tcpDir, { tcpPort })])).map(
      (e: { dockerHost: string }) => e.dockerHost,
    );
    // Something to count on each: one small image (busybox plus 1 or 2 MB of data).
    for (const [engine, megabytes] of [
      [socketHost, 2],
      [tcpSocket, 1],
    ] as const) {
      const build = path.join(dir, `build-${megabytes}`);
      fs.mkdirSync(build);
      fs.copyFileSync("/bin/busybox", path.join(build, "busybox"));
      fs.writeFileSync(path.join(build, "data.bin"), Buffer.alloc(megabytes * 1_000_000, megabytes));
      fs.writeFileSync(path.join(build, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY data.bin /data.bin\n");
      dockerCli(engine, ["build", "-q", "-t", `fleet-${megabytes}:1`, build]);
    }
    agent = await startAgent({ dockerHost: inject("dockerHost"), stateDir: path.join(dir, "agent-state") });
    hosts = {
      socket: await createHost({ name: "socket", endpoint: socketHost, pollIntervalSec: INTERVAL_SEC }),
      tcp: await createHost({ name: "tcp", endpoint: `tcp://127.0.0.1:${tcpPort}`, pollIntervalSec: INTERVAL_SEC }),
      agent: await createHost({
        name: "agent",
        endpoint: agent.endpoint,
        agent: { token: agent.token, fingerprint: agent.fingerprint },
        pollIntervalSec: INTERVAL_SEC,
      }),
    };
  });
  afterAll(async () => {
    await poller?.stop();
    await agent?.stop();
    // A test that failed while the socket engine was frozen must not leave it stopped (SIGTERM waits on a stopped process).
    if (socketDir && fs.existsSync(path.join(socketDir, "docker.pid")) && alive(pidOf(socketDir))) process.kill(pidOf(socketDir), "SIGCONT");
    if (tcpDir) await Promise.all([stopPrivateDockerd(tcpDir), stopPrivateDockerd(socketDir)]);
    // dockerd bind-mounts its data root; the instance killed with SIGKILL never unmounted its own, and
    // the suite's teardown could not remove the folder (EBUSY) with it still mounted.
    if (tcpDir) leftoverMounts(tcpDir).forEach((mount) => spawnSync("umount", [mount]));
    await cleanup?.();
  });

  it("polls the three hosts and the fleet totals equal the engines' own /system/df", async () => {
    const first = ["socket", "tcp", "agent"].map(nextPoll);
    poller = createPoller({ clock, size: 3, deadlineMs: DEADLINE_MS, idleCheckMs: 15_000, random: () => 0.5, onPolled });
    expect((await Promise.all(first)).map((r) => r.ok)).toEqual([true, true, true]);
    const figures = await Promise.all([socketHost, tcpSocket, inject("dockerHost")].map(dockerFigures));
    const expected = (category: keyof (typeof figures)[0]) => figures.reduce((sum, f) => sum + f[category], 0);
    const now = new Date(clock.now());
    const { totals, hosts: rows } = fleetOverview(
      (await loadFleetHosts(now)).map((h) => ({ ...h, reclaimableBytes: null })),
      growthWindow(now),
    );
    for (const category of ["images", "containers", "volumes", "buildCache"] as const) {
      expect(totals.categories.find((c) => c.category === category)!.bytes, category).toBe(expected(category));
    }
    expect(figures[0].images).toBeGreaterThan(2_000_000);
    expect(figures[1].images).toBeGreaterThan(1_000_000);
    // Logs are measured on the agent host only: partial, 1 of 3.
    expect(totals.categories.find((c) => c.category === "logs")).toMatchObject({ measuredHosts: 1, hosts: 3 });
    expect(totals.hostsByStatus).toMatchObject({ ok: 3, unreachable: 0 });
    expect(rows.find((r) => r.name === "agent")!.diskFreeBytes).toBeGreaterThan(0);
    expect(rows.find((r) => r.name === "socket")!.fill).toBeNull();
  });

  it("reads the killed engine unreachable (refused) since its failed poll; the others stay on their interval", async () => {
    const pid = pidOf(tcpDir);
    process.kill(pid, "SIGKILL");
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await refuses(tcpPort)).toBe(true);

    const due = ["socket", "tcp", "agent"].map(nextPoll);
    clock.advance(INTERVAL_SEC * 1000); // T0 + 5 min: all three are due
    const [socket, tcp, agentPoll] = await Promise.all(due);
    expect([socket.ok, agentPoll.ok]).toEqual([true, true]);
    expect(!tcp.ok && tcp.failure.code).toBe("refused");
    const at = T0 + INTERVAL_SEC * 1000;
    // Refused at once: well within the deadline, with the cause and since when.
    expect(await getHost(hosts.tcp.id)).toMatchObject({
      status: "unreachable",
      statusSince: new Date(at).toISOString(),
      lastError: { code: "refused" },
      failureCount: 1,
      nextPollAt: new Date(at + INTERVAL_SEC * 1000).toISOString(),
    });
    for (const name of ["socket", "agent"] as const) {
      expect(await getHost(hosts[name].id)).toMatchObject({ status: "ok", nextPollAt: new Date(at + INTERVAL_SEC * 1000).toISOString() });
    }

    // Two more intervals: the live hosts are polled at each, the dead one backs off (next at +2 intervals).
    const second = ["socket", "agent", "tcp"].map(nextPoll);
    clock.advance(INTERVAL_SEC * 1000);
    const [s2, a2, t2] = await Promise.all(second);
    expect([s2.ok, a2.ok, t2.ok]).toEqual([true, true, false]);
    expect(await getHost(hosts.tcp.id)).toMatchObject({
      status: "unreachable",
      statusSince: new Date(at).toISOString(),
      failureCount: 2,
      nextPollAt: new Date(at + 3 * INTERVAL_SEC * 1000).toISOString(),
    });
    const third = ["socket", "agent"].map(nextPoll);
    const before = { ...polls };
    clock.advance(INTERVAL_SEC * 1000);
    expect((await Promise.all(third)).every((r) => r.ok)).toBe(true);
    expect(polls).toEqual({ ...before, socket: before.socket + 1, agent: before.agent + 1 });
    expect(poller!.running()).not.toContain(hosts.tcp.id);
  });

  it("recovers by itself when the engine is restarted: ok on its next retry, same series", async () => {
    await startPrivateDockerd(tcpDir, { tcpPort });
    const back = nextPoll("tcp");
    const others = ["socket", "agent"].map(nextPoll);
    clock.advance(INTERVAL_SEC * 1000); // the dead host's retry is due now (at + 3 intervals)
    expect((await back).ok).toBe(true);
    expect((await Promise.all(others)).every((r) => r.ok)).toBe(true);
    const recovered = await getHost(hosts.tcp.id);
    expect(recovered).toMatchObject({ status: "ok", lastError: null, failureCount: 0, statusSince: new Date(clock.now()).toISOString() });
    // The same engine (same data root, same ID): no new series.
    expect(recovered!.seriesStartedAt).toBeNull();
    const failed = await db().snapshot.count({ where: { hostId: hosts.tcp.id, status: "failed" } });
    expect(failed).toBe(2);
  });

  it("times out a frozen engine at its deadline (unreachable, timeout) while the others finish beside it, and it recovers", async () => {
    const pid = pidOf(socketDir);
    // SIGSTOP: the socket still accepts connections (the kernel's backlog), nothing ever answers.
    process.kill(pid, "SIGSTOP");
    const others = ["tcp", "agent"].map(nextPoll);
    const frozen = nextPoll("socket");
    clock.advance(INTERVAL_SEC * 1000); // all three due; the frozen one holds its slot
    expect((await Promise.all(others)).every((r) => r.ok)).toBe(true);
    expect(poller!.running()).toContain(hosts.socket.id);
    const due = clock.now();
    clock.advance(DEADLINE_MS);
    const result = await frozen;
    expect(!result.ok && result.failure.code).toBe("timeout");
    expect(await getHost(hosts.socket.id)).toMatchObject({
      status: "unreachable",
      statusSince: new Date(due + DEADLINE_MS).toISOString(),
      lastError: { code: "timeout" },
      failureCount: 1,
    });

    process.kill(pid, "SIGCONT");
    const back = ["tcp", "agent", "socket"].map(nextPoll);
    clock.advance(INTERVAL_SEC * 1000); // the others' next interval, then the thawed engine's retry
    expect((await Promise.all(back)).map((r) => r.ok)).toEqual([true, true, true]);
    expect(await getHost(hosts.socket.id)).toMatchObject({ status: "ok", failureCount: 0, lastError: null });
  });
});
