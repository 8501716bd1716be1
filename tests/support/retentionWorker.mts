// A real Node process running Ballast's retention pass against the test database, so a crash test can
// kill it mid-pass. It prints the kind of each committed transaction and kills itself with SIGKILL right after its Nth committed transaction (a point
// chosen by count, not by time), the same as kill -9 from outside at that moment.
// Usage: retentionWorker.mts <killAfterCommits> <nowIso> <keepFullDays> <keepHourlyDays> <sliceSize>
import { runRetentionPass } from "@/lib/store/retentionPass";

const [killAfter, now, full, hourly, slice] = process.argv.slice(2);
let commits = 0;
const result = await runRetentionPass({
  now: new Date(now),
  policy: { keepFullDays: Number(full), keepHourlyDays: Number(hourly) },
  sliceSize: Number(slice),
  graceMs: 0,
  afterCommit: (step) => {
    commits += 1;
    console.log(step);
    if (commits === Number(killAfter)) process.kill(process.pid, "SIGKILL");
  },
});
console.log(JSON.stringify(result));
process.exit(0);
