// Loaded into the server process by `npm run bench` (NODE_OPTIONS=--import …/loopProbe.mjs, with
// BALLAST_BENCH_PROBE=FILE): measures how long the event loop was blocked (perf_hooks
// monitorEventLoopDelay) and samples the heap, and on SIGUSR2 writes what it saw since the last signal
// to FILE and starts over. Only the server process (scripts/server.mjs) takes part; never loaded in production.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const file = process.env.BALLAST_BENCH_PROBE;
// The request loop only: a worker thread (lib/worker) shares process.argv but has a loop of its own,
// and its heap is not in these figures (the RSS is the whole process's).
if (file && isMainThread && process.argv[1]?.endsWith("server.mjs")) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let heapPeak = 0;
  let seq = 0;
  setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 25).unref();
  const dump = () => {
    const status = fs.readFileSync("/proc/self/status", "utf8");
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
    const report = {
      seq: seq++,
      pid: process.pid,
      // Nanoseconds in the histogram; ms here. `max` is the longest the loop was blocked (beyond the 10 ms resolution).
      loopMaxMs: delay.max / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMeanMs: delay.mean / 1e6,
      heapPeakBytes: heapPeak,
      rssBytes: kb("VmRSS"),
      rssPeakBytes: kb("VmHWM"),
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
    delay.reset();
    heapPeak = 0;
  };
  process.on("SIGUSR2", dump);
  dump();
}
