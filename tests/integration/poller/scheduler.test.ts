import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureLocalHost, LOCAL_HOST_NAME } from "@/lib/poller/localHost";
import { createPoller } from "@/lib/poller/scheduler";
import type { PollPool } from "@/lib/poller/pool";
import { createHost, listHosts } from "@/lib/store/hosts";
import { manualClock } from "@/tests/support/manualClock";
import { db } from "@/lib/store/db";
import { useFreshDatabase } from "@/tests/support/testDatabase";

describe("the embedded default: local host registration and polling on an interval", () => {
  let cleanup: () => Promise<void>;
  const savedDockerHost = process.env.DOCKER_HOST;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
  });
  afterAll(async () => {
    process.env.DOCKER_HOST = savedDockerHost;
    delete process.env.BALLAST_POLL_INTERVAL;
    await cleanup();
  });

  it("registers nothing when DOCKER_HOST points at no engine", async () => {
    process.env.DOCKER_HOST = "unix:///nonexistent/docker.sock";
    expect(await ensureLocalHost()).toBeNull();
    expect(await listHosts()).toEqual([]);
  });

  it("registers the engine in DOCKER_HOST as host 'local', once", async () => {
    process.env.DOCKER_HOST = inject("dockerHost");
    process.env.BALLAST_POLL_INTERVAL = "60";
    const host = await ensureLocalHost();
    expect(host).toMatchObject({ name: LOCAL_HOST_NAME, endpoint: inject("dockerHost"), pollIntervalSec: 60 });
    expect((await ensureLocalHost())!.id).toBe(host!.id);
    expect(await listHosts()).toHaveLength(1);
  });

  it("polls at start, then only when the host's interval has passed", async () => {
    const clock = manualClock(Date.now());
    let polls = 0;
    let wake: () => void = () => undefined;
    const polled = () => new Promise<void>((resolve) => (wake = resolve));
    let poller: PollPool | undefined;
    try {
      const first = polled();
      poller = createPoller({ clock, onPolled: () => (polls++, wake()) });
      await first;
      expect(await db().snapshot.count()).toBe(1);
      clock.advance(30_000);
      expect(polls).toBe(1);
      const second = polled();
      clock.advance(31_000);
      await second;
      expect(await db().snapshot.count()).toBe(2);
      expect((await db().snapshot.findMany()).every((s) => s.status === "ok")).toBe(true);
    } finally {
      await poller?.stop();
    }
  });

  it("does not bring 'local' back once the fleet has other hosts (a person deleted it)", async () => {
    await db().host.update({ where: { name: LOCAL_HOST_NAME }, data: { name: "renamed" } });
    await createHost({ name: "other", endpoint: "unix:///nonexistent/other.sock" });
    expect(await ensureLocalHost()).toBeNull();
    expect((await listHosts()).map((h) => h.name)).toEqual(["renamed", "other"]);
  });

  // BALLAST_POLL_INTERVAL's default and refusals: tests/unit/config/config.test.ts.
});
