import { buildCacheableView, type CacheableViewInput } from "@/lib/api/cacheableViewBody";
import { costReportBody, type CostReportBodyInput } from "@/lib/api/costReportBody";
import { costReportAnswerFor, type CostReportQuery } from "@/lib/api/costReportRequest";
import { fleetOverviewBody, hostListBody } from "@/lib/api/fleetListBodies";
import { fleetSharedLayersBody } from "@/lib/api/fleetSharedLayersBody";
import { trendsBody, type TrendsQuery } from "@/lib/api/trendsBody";
import { buildVolumesView, type VolumesViewInput } from "@/lib/api/volumesViewBody";
import { currentSuggestions } from "@/lib/actions/currentSuggestions";
import { computeSuggestions, type SuggestionsInput } from "@/lib/actions/computeSuggestions";
import { retryWhenBusy } from "@/lib/store/busyRetry";
import { transferred } from "./workerRuntime";

/** A finished answer's gzip moves to the main thread (no copy); anything else (a not-found) goes as it is. */
const moved = <T extends object>(result: T): T =>
  "gzip" in result && result.gzip instanceof Uint8Array ? transferred(result, [result.gzip.buffer as ArrayBuffer]) : result;

// What the read worker does (readWorkerEntry.ts), by name: answers that read the store and take CPU,
// never a poll or retention (the store worker's). Inputs and results are plain data.
export const readTasks = {
  // Packing a day it finds unpacked writes: refused at once (SQLITE_BUSY_SNAPSHOT) when the store worker
  // committed meanwhile; the report is a pure read otherwise, so it is simply built again.
  costReport: (query: CostReportQuery) => retryWhenBusy(() => costReportAnswerFor(query)),
  /** The routes' finished answer: JSON or CSV written and gzipped here; only its bytes move to the main thread (no copy). */
  costReportBody: async (input: CostReportBodyInput) => moved(await retryWhenBusy(() => costReportBody(input))),
  /** A cacheable view's finished answer; its gzipped bytes move to the main thread (no copy). */
  view: async (input: CacheableViewInput) => moved(await buildCacheableView(input)),
  /** The volumes view's answer (built per request: it reads the host's history); moved like a view's. */
  volumes: async (input: VolumesViewInput) => moved(await buildVolumesView(input)),
  /** Every host's shared layers (each host's newest snapshot loaded whole); moved like a view's. */
  fleetSharedLayers: async (_input: null) => moved(await fleetSharedLayersBody()),
  /**
   * Run once by the server at start (instrumentation.ts): a report over the last two days, by host and by
   * image. A thread's first report pays for compiling its queries (Prisma's query compiler, SQLite's
   * statements, the bundle's code): measured on the SYNTHETIC 20-host month, a cold report + CSV took
   * 0.9–1.35 s, one after this warm-up 0.39 s, later ones 0.18–0.27 s. Not run by a thread started later
   * by a task (after an idle exit): that task pays it, as before.
   */
  warmUp: async (_input: null) => {
    const to = new Date();
    // Two days: a packed finished day and today's rows, each read as a real report reads them.
    const from = new Date(to.getTime() - 2 * 86_400_000);
    for (const groupBy of ["host", "image"] as const) await retryWhenBusy(() => costReportAnswerFor({ from, to, groupBy }));
    return true;
  },
  /** The host list and the fleet overview (every host read); moved like a view's. */
  hostList: async (_input: null) => moved(await hostListBody()),
  fleet: async (_input: null) => moved(await fleetOverviewBody()),
  /** The trends answer (every poll's totals of every host in range); moved like a view's. */
  trends: async (query: TrendsQuery) => moved(await trendsBody(query)),
  /**
   * A host's (or every host's) current suggestions, a new snapshot's computed and stored here (a write
   * from this thread: refused at once while the store worker commits, then again). null: unknown host.
   */
  currentSuggestions: (hostId: string | null) => retryWhenBusy(() => currentSuggestions(hostId ?? undefined)),
  /** A new snapshot's cleanup suggestions, computed (not stored: the request's thread saves them). */
  suggestions: (input: SuggestionsInput) => computeSuggestions(input),
};

export type ReadTask = keyof typeof readTasks;
export type ReadTaskInput<T extends ReadTask> = Parameters<(typeof readTasks)[T]>[0];
export type ReadTaskResult<T extends ReadTask> = Awaited<ReturnType<(typeof readTasks)[T]>>;
