// Tests and the bench run Ballast from its TypeScript source (tsx): a worker thread there starts here
// and loads its real entry (workerData.entry, a .ts file) through tsx. The production build never
// uses this file: Turbopack bundles each worker entry itself.
import { workerData } from "node:worker_threads";

const { tsImport } = await import("tsx/esm/api");
await tsImport(workerData.entry, import.meta.url);
