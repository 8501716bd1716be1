// The bench's /api/health pinger, in a worker thread of its own (serverLoad.mts): the load it measures
// beside (10 clients fetching and inflating 0.3 MB answers) runs on the bench's main event loop, and a
// ping that shared that loop waited for the bench itself, not only for the server (measured: a 60 ms
// "health" with the server's loop never blocked over 37 ms). GET every 20 ms until told to stop; posts
// the latencies (ms, the whole body read; a failure or timeout counts as 180 s) and exits.
import { parentPort, workerData } from "node:worker_threads";
import { setTimeout as sleep } from "node:timers/promises";

const { url, cookie } = workerData;
let running = true;
parentPort.on("message", (message) => {
  if (message === "stop") running = false;
});
// One ping first, not counted: this thread's first fetch loads and compiles fetch itself (tens of ms,
// the bench's own cost). The measurements start once it says it is ready.
await fetch(url, { headers: { cookie } }).then(
  (response) => response.arrayBuffer(),
  () => undefined,
);
parentPort.postMessage("ready");
const times = [];
while (running) {
  const start = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(180_000) });
    await response.arrayBuffer();
    times.push(response.ok ? performance.now() - start : 180_000);
  } catch {
    times.push(180_000);
  }
  await sleep(20);
}
parentPort.postMessage(times);
