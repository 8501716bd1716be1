import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureLocalHost, LOCAL_HOST_NAME } from "@/lib/poller/localHost";
import { pollDueHosts } from "@/lib/poller/scheduler";
import { listHosts } from "@/lib/store/hosts";
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
    const start = Date.now();
    await pollDueHosts(start);
    expect(await db().snapshot.count()).toBe(1);
    await pollDueHosts(start + 30_000);
    expect(await db().snapshot.count()).toBe(1);
    await pollDueHosts(start + 61_000);
    expect(await db().snapshot.count()).toBe(2);
    expect((await db().snapshot.findMany()).every((s) => s.status === "ok")).toBe(true);
  });

  // BALLAST_POLL_INTERVAL's default and refusals: tests/unit/config/config.test.ts.
});
