import type http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPoller } from "@/lib/poller/scheduler";
import type { PollResult } from "@/lib/poller/pollHost";
import type { PollPool } from "@/lib/poller/pool";
import { db } from "@/lib/store/db";
import { createHost, getHost, type HostDto } from "@/lib/store/hosts";
import { EMPTY_ENGINE, startFakeEngineServer } from "@/tests/support/fakeEngineServer";
import { manualClock } from "@/tests/support/manualClock";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// The pool on an injected clock, against two real dockerds and one FAKE engine that hangs (fault
// injection: it accepts the connection and never answers). Nothing here waits on real time: each step
// waits for the poll it caused, then checks the schedule the clock implies.

const T0 = Date.parse("2026-03-01T10:00:00Z");
const INTERVAL_SEC = 120;
const DEADLINE_MS = 60_000;

const socketClosed = (req: http.IncomingMessage) =>
  new Promise<void>((resolve) => (req.socket.destroyed ? resolve() : req.socket.once("close", () => resolve())));

type Waiter = { name: string; resolve: (result: PollResult) => void };

describe("the poller pool: a hanging host never delays the others", () => {
  let cleanup: () => Promise<void>;
  let hanging: { endpoint: string; close: () => Promise<void> };
  const hangingRequests: http.IncomingMessage[] = [];
  const closedRequests: http.IncomingMessage[] = [];
  const clock = manualClock(T0);
  const polled: string[] = [];
  const waiters: Waiter[] = [];
  let poller: PollPool;
  let hosts: Record<string, HostDto>;

  const nextPoll = (name: string) => new Promise<PollResult>((resolve) => waiters.push({ name, resolve }));
  const onPolled = (host: HostDto, result: PollResult) => {
    polled.push(host.name);
    const index = waiters.findIndex((w) => w.name === host.name);
    if (index >= 0) waiters.splice(index, 1)[0].resolve(result);
  };
  const start = () => createPoller({ clock, size: 2, deadlineMs: DEADLINE_MS, idleCheckMs: 15_000, random: () => 0.5, onPolled });

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    hanging = await startFakeEngineServer({
      "/version": (req) => {
        hangingRequests.push(req);
        req.socket.on("close", () => closedRequests.push(req));
      },
    });
    // Created in this order, so the hanging host takes the first slot.
    hosts = {
      hanging: await createHost({ name: "fake-hanging", endpoint: hanging.endpoint, pollIntervalSec: INTERVAL_SEC }),
      scene: await createHost({ name: "scene", endpoint: inject("dockerHost"), pollIntervalSec: INTERVAL_SEC }),
      second: await createHost({ name: "second", endpoint: inject("secondTcpHost"), pollIntervalSec: INTERVAL_SEC }),
    };
  });
  afterAll(async () => {
    await poller?.stop();
    await hanging?.close();
    await cleanup();
  });

  it("polls both healthy hosts through the one free slot while the hanging host holds the other", async () => {
    const scene = nextPoll("scene");
    const second = nextPoll("second");
    poller = start();
    expect((await scene).ok).toBe(true);
    expect((await second).ok).toBe(true);
    // The clock has not moved: the second healthy host took the freed slot at once, not after a batch.
    expect(clock.now()).toBe(T0);
    expect(hangingRequests).toHaveLength(1);
    expect(closedRequests).toHaveLength(0);
    expect(poller.running()).toContain(hosts.hanging.id);
    expect(poller.running()).not.toContain(hosts.scene.id);
    expect(await getHost(hosts.scene.id)).toMatchObject({ status: "ok", failureCount: 0, nextPollAt: new Date(T0 + INTERVAL_SEC * 1000).toISOString() });
  });

  it("aborts the hanging poll's request at its deadline and reads unreachable (timeout) since then", async () => {
    const result = nextPoll("fake-hanging");
    clock.advance(DEADLINE_MS);
    const failed = await result;
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.failure.code).toBe("timeout");
    // The connection was closed by Ballast, not left open behind a rejected promise.
    await socketClosed(hangingRequests[0]);
    expect(closedRequests).toHaveLength(1);
    const host = await getHost(hosts.hanging.id);
    expect(host).toMatchObject({
      status: "unreachable",
      statusSince: new Date(T0 + DEADLINE_MS).toISOString(),
      lastError: { code: "timeout" },
      failureCount: 1,
      // First failure: one interval (the jitter draw 0.5 is the middle of the spread).
      nextPollAt: new Date(T0 + DEADLINE_MS + INTERVAL_SEC * 1000).toISOString(),
    });
    const failedSnapshot = await db().snapshot.findFirst({ where: { hostId: hosts.hanging.id } });
    expect(failedSnapshot).toMatchObject({ status: "failed", errorCode: "timeout" });
  });

  it("keeps polling the others on their interval while the dead host backs off exponentially", async () => {
    await hanging.close();
    const port = Number(new URL(hanging.endpoint.replace("tcp://", "http://")).port);
    const scene = nextPoll("scene");
    const second = nextPoll("second");
    clock.advance(INTERVAL_SEC * 1000 - DEADLINE_MS); // T0 + 120 s: the healthy hosts are due
    expect((await scene).ok && (await second).ok).toBe(true);

    const refused = nextPoll("fake-hanging");
    clock.advance(DEADLINE_MS); // T0 + 180 s: the dead host's retry
    const failed = await refused;
    expect(!failed.ok && failed.failure.code).toBe("refused");
    const at = T0 + 180_000;
    expect(await getHost(hosts.hanging.id)).toMatchObject({
      status: "unreachable",
      statusSince: new Date(T0 + DEADLINE_MS).toISOString(), // still unreachable: since the first failure
      lastError: { code: "refused" },
      failureCount: 2,
      nextPollAt: new Date(at + 2 * INTERVAL_SEC * 1000).toISOString(),
    });

    // The engine comes back: the next retry finds it, and the schedule returns to the interval.
    hanging = await startFakeEngineServer(EMPTY_ENGINE, port);
    const back = nextPoll("fake-hanging");
    clock.advance(2 * INTERVAL_SEC * 1000);
    expect((await back).ok).toBe(true);
    expect(await getHost(hosts.hanging.id)).toMatchObject({
      status: "ok",
      lastError: null,
      failureCount: 0,
      statusSince: new Date(at + 240_000).toISOString(),
    });
  });

  it("keeps the schedule across a restart: a new poller polls only the hosts that are due", async () => {
    await poller.stop();
    const before = await db().snapshot.groupBy({ by: ["hostId"], _count: true });
    // The stored schedule: one host due in a second, the others in a day.
    const later = new Date(clock.now() + 86_400_000);
    await db().host.updateMany({ data: { nextPollAt: later } });
    await db().host.update({ where: { id: hosts.scene.id }, data: { nextPollAt: new Date(clock.now() + 1000) } });
    const due = hosts.scene;
    const name = due.name;
    const result = nextPoll(name);
    clock.advance(1000);
    polled.length = 0;
    poller = start();
    expect((await result).ok).toBe(true);
    expect(polled).toEqual([name]);
    const after = await db().snapshot.groupBy({ by: ["hostId"], _count: true });
    const count = (rows: typeof before, id: string) => rows.find((r) => r.hostId === id)?._count ?? 0;
    for (const host of Object.values(hosts)) expect(count(after, host.id) - count(before, host.id)).toBe(host.id === due.id ? 1 : 0);
  });
});
