// A real Node process running Ballast's own approval or poll code against the test database, so a
// fault test can kill -9 it mid-way (node --conditions=react-server --import tsx, like the benchmarks).
// Usage: faultWorker.mts approve <suggestionId> <actor> | poll <hostId>
import { approveSuggestion } from "@/lib/actions/approveSuggestion";
import { pollHost } from "@/lib/poller/pollHost";
import { getHost } from "@/lib/store/hosts";

const [mode, id, actor] = process.argv.slice(2);
if (mode === "approve") {
  const outcome = await approveSuggestion(id, actor ?? "worker");
  console.log(JSON.stringify(outcome.kind === "ok" ? { status: outcome.run.status } : outcome));
} else if (mode === "poll") {
  const host = await getHost(id);
  if (!host) throw new Error(`no host ${id}`);
  const polled = await pollHost(host);
  console.log(JSON.stringify({ ok: polled.ok, snapshotId: polled.snapshotId }));
}
process.exit(0);
