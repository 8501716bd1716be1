// A read worker (lib/worker/readWorkerEntry.ts) whose thread exits at its first task, as a crash or an
// out-of-memory ends it. For tests/integration/api/readWorker.test.ts.
import { serveTasks } from "@/lib/worker/workerRuntime";

serveTasks({
  view: async () => process.exit(9),
  volumes: async () => process.exit(9),
  fleetSharedLayers: async () => process.exit(9),
  suggestions: async () => process.exit(9),
  trends: async () => process.exit(9),
  hostList: async () => process.exit(9),
  fleet: async () => process.exit(9),
  currentSuggestions: async () => process.exit(9),
  costReport: async () => process.exit(9),
  costReportBody: async () => process.exit(9),
});
