import "server-only";
import { listHosts } from "@/lib/store/hosts";
import { getLatestPoll } from "@/lib/store/snapshotReader";
import { ensureLocalHost } from "./localHost";
import { pollHost } from "./pollHost";

// Runs inside the Next.js server process (started from instrumentation.ts). Every tick it polls the
// enabled hosts whose last poll is older than their interval, a few at a time; a dead host becomes a
// failed snapshot, never a failed cycle (Promise.allSettled).

const TICK_MS = 15_000;
const MAX_PARALLEL_POLLS = 4;

const state = globalThis as unknown as { ballastPoller?: { timer: NodeJS.Timeout | null; stopped: boolean } };

async function dueHosts(now: number) {
  const hosts = (await listHosts()).filter((host) => host.enabled);
  const due = [];
  for (const host of hosts) {
    const last = await getLatestPoll(host.id);
    if (!last || now - Date.parse(last.takenAt) >= host.pollIntervalSec * 1000) due.push(host);
  }
  return due;
}

export async function pollDueHosts(now = Date.now()): Promise<void> {
  await ensureLocalHost();
  const due = await dueHosts(now);
  for (let index = 0; index < due.length; index += MAX_PARALLEL_POLLS) {
    await Promise.allSettled(due.slice(index, index + MAX_PARALLEL_POLLS).map((host) => pollHost(host)));
  }
}

export function startPoller(): void {
  if (state.ballastPoller) return;
  const poller = { timer: null as NodeJS.Timeout | null, stopped: false };
  state.ballastPoller = poller;
  const tick = async () => {
    try {
      await pollDueHosts();
    } catch (error) {
      console.error("[ballast] poll cycle failed:", error instanceof Error ? error.message : error);
    }
    if (!poller.stopped) {
      poller.timer = setTimeout(tick, TICK_MS);
      poller.timer.unref?.();
    }
  };
  void tick();
}
