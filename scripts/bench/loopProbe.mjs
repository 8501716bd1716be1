// Loaded into the server process by `npm run bench` (NODE_OPTIONS=--import …/loopProbe.mjs, with
// BALLAST_BENCH_PROBE=FILE): measures how long the event loop was blocked (perf_hooks
// monitorEventLoopDelay) and samples the heap, and on SIGUSR2 writes what it saw since the last signal
// to FILE and starts over. Only the server process (scripts/server.mjs) takes part; never loaded in production.
// Worker threads of that process (lib/worker) load it too (NODE_OPTIONS reaches them):
// each writes its own V8 heap figures to FILE.<pid>.thread<id> once a second, and the main thread's report
// lists them beside its own, so the RSS (the whole process's: every thread's heap, Prisma's wasm,
// SQLite's caches, malloc arenas) can be told apart.
import fs from "node:fs";
import { Session } from "node:inspector";
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";
import { isMainThread, threadId } from "node:worker_threads";

const file = process.env.BALLAST_BENCH_PROBE;
// The process's own command line: a worker's process.argv names the worker's file, not server.mjs.
const inServer =
  Boolean(file) &&
  fs
    .readFileSync("/proc/self/cmdline", "utf8")
    .split("\0")
    .some((arg) => arg.endsWith("server.mjs"));

/** This isolate's heap now (bytes), and its spaces' committed sizes. */
function heapFigures() {
  const heap = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
  const usage = process.memoryUsage();
  return {
    heapUsed: heap.used_heap_size,
    heapCommitted: heap.total_heap_size,
    heapLimit: heap.heap_size_limit,
    external: heap.external_memory,
    mallocedMemory: heap.malloced_memory,
    arrayBuffers: usage.arrayBuffers,
    spaces,
  };
}

if (inServer && !isMainThread) {
  let peak = { heapUsed: 0, heapCommitted: 0 };
  setInterval(() => {
    const now = heapFigures();
    peak = { heapUsed: Math.max(peak.heapUsed, now.heapUsed), heapCommitted: Math.max(peak.heapCommitted, now.heapCommitted) };
  }, 25).unref();
  setInterval(() => {
    fs.writeFileSync(
      `${file}.${process.pid}.thread${threadId}`,
      JSON.stringify({ threadId, script: process.argv[1], at: Date.now(), now: heapFigures(), peak }),
    );
  }, 1000).unref();
}

/** Every worker thread this process started (a worker that exited keeps its last figures; `live`: written in the last 5 s). */
function threadFigures() {
  const dir = file.slice(0, file.lastIndexOf("/") + 1) || ".";
  const prefix = `${file.slice(file.lastIndexOf("/") + 1)}.${process.pid}.thread`;
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .map((name) => {
      try {
        return JSON.parse(fs.readFileSync(`${dir}${name}`, "utf8"));
      } catch {
        return null;
      }
    })
    .filter(Boolean)
    .map((figures) => ({ ...figures, live: Date.now() - figures.at < 5000 }));
}

// The request loop only: a worker thread has a loop of its own.
if (inServer && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let heapPeak = 0;
  let seq = 0;
  // V8's own figure: process.memoryUsage() also reads the RSS from /proc, ~0.4 ms of the very loop
  // being measured at every sample (50 ms over a 3 s views window, profiled).
  setInterval(() => (heapPeak = Math.max(heapPeak, v8.getHeapStatistics().used_heap_size)), 25).unref();
  // CPU this thread used (user + system, /proc's clock ticks of 10 ms): unlike the loop's delay, it does
  // not grow when other processes keep the machine's cores busy, so it compares runs at different loads.
  const cpuMs = () => {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  let cpuAtDump = cpuMs();
  const dump = () => {
    const cpuNow = cpuMs();
    const status = fs.readFileSync("/proc/self/status", "utf8");
    const kb = (field, text = status) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
    const rollup = fs.readFileSync("/proc/self/smaps_rollup", "utf8");
    const report = {
      seq: seq++,
      pid: process.pid,
      // Nanoseconds in the histogram; ms here. `max` is the longest the loop was blocked (beyond the 10 ms resolution).
      loopMaxMs: delay.max / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMeanMs: delay.mean / 1e6,
      heapPeakBytes: heapPeak,
      mainCpuMs: cpuNow - cpuAtDump,
      // The whole process (every thread): VmRSS now, VmHWM its peak since it started.
      rssBytes: kb("VmRSS"),
      rssPeakBytes: kb("VmHWM"),
      rssAnonBytes: kb("RssAnon"),
      rssFileBytes: kb("RssFile"),
      privateDirtyBytes: kb("Private_Dirty", rollup),
      threads: kb("Threads") / 1024,
      main: heapFigures(),
      workers: threadFigures(),
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
    delay.reset();
    heapPeak = 0;
    cpuAtDump = cpuNow;
  };
  // BALLAST_BENCH_CPU_PROFILE=DIR: the request loop also profiles itself (node:inspector; --cpu-prof is
  // not allowed in NODE_OPTIONS) and writes DIR/main-SEQ.cpuprofile at every dump: what ran between two
  // dumps, for Chrome's DevTools or any .cpuprofile reader. Off by default: profiling costs CPU.
  const profileDir = process.env.BALLAST_BENCH_CPU_PROFILE;
  const profiler = profileDir ? new Session() : null;
  const post = (method, params) =>
    new Promise((resolve, reject) => profiler.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  if (profiler) {
    fs.mkdirSync(profileDir, { recursive: true });
    profiler.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 500 });
    await post("Profiler.start");
  }
  const dumpProfile = async (at) => {
    if (!profiler) return;
    const { profile } = await post("Profiler.stop");
    fs.writeFileSync(`${profileDir}/main-${at}.cpuprofile`, JSON.stringify(profile));
    await post("Profiler.start");
  };
  process.on("SIGUSR2", () => {
    const at = seq;
    dump();
    void dumpProfile(at);
  });
  dump();
}
