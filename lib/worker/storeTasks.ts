import { runRetention } from "@/lib/poller/retention";
import { backfillAllAggregates, backfillHostAggregates } from "@/lib/store/aggregateBackfill";
import { pollWork, recordPoll, type PollRecordInput, type PollWorkInput } from "@/lib/poller/pollWork";
import type { TaskContext } from "./workerRuntime";

// What the store worker does (storeWorkerEntry.ts), by name: every background writer. Inputs and results
// are plain data. Cost reports and view builds are the read worker's (readTasks.ts): never behind a poll.
export const storeTasks = {
  poll: (input: PollWorkInput, context: TaskContext) => pollWork(input, context.signal),
  recordPoll: (input: PollRecordInput) => recordPoll(input),
  /** One retention pass (lib/poller/retention.ts schedules it). */
  retention: (_input: null) => runRetention(),
  /** Report aggregates for snapshots stored before they existed, then packing (at start). */
  backfillAggregates: (_input: null) => backfillAllAggregates(),
  /** One host's backfill, for a report in the read worker (shared with the start-up run above). */
  backfillHost: (hostId: string) => backfillHostAggregates(hostId),
};

export type StoreTask = keyof typeof storeTasks;
export type StoreTaskInput<T extends StoreTask> = Parameters<(typeof storeTasks)[T]>[0];
export type StoreTaskResult<T extends StoreTask> = Awaited<ReturnType<(typeof storeTasks)[T]>>;
