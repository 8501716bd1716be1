// `npm run bench -- --only views`: the host views alone, quicker than the whole server section. The
// cached real 1,250-image engine is polled once into the bench database, then the real server answers
// images / treemap / layers (sequential and 10 clients) with /api/health and the event loop watched,
// the dashboard's other GETs are asked once each after a new poll (the event loop watched), the host
// page draws its treemap in Chromium, and the server's RSS is read after start and at the end.
// Same rows as the server section's.
import { collectSnapshot } from "../../lib/collect/collectSnapshot";
import { createEngineClient } from "../../lib/collect/engine";
import { parseEndpoint } from "../../lib/collect/endpoint";
import { createHost } from "../../lib/store/hosts";
import { databaseImageFactsCache } from "../../lib/store/imageFacts";
import { saveSnapshot } from "../../lib/store/snapshotWriter";
import { mb, row } from "./benchTable.mts";
import { IMAGE_COUNTS, startImagesEngine } from "./realEngines.mts";
import { explorerRoutes, otherDashboardRoutes, readProbe, rssPeakRow, startServer, treemapInChromium, underWatch } from "./serverLoad.mts";

export async function viewsSection({ dir, dbFile, port }: { dir: string; dbFile: string; port: number }): Promise<void> {
  const count = IMAGE_COUNTS.at(-1)!;
  const engine = await startImagesEngine(count);
  const host = await createHost({ name: `bench-real-${count}`, endpoint: engine.dockerHost });
  const facts = databaseImageFactsCache(host.id);
  await saveSnapshot(host.id, await collectSnapshot(createEngineClient(parseEndpoint(engine.dockerHost)), facts), facts.pending);
  const target = { dir, dbFile, port, bigHostId: host.id, bigHostLabel: `real 20.10, ${engine.images} images` };
  const server = await startServer(target);
  try {
    const started = await readProbe(server);
    row({ section: "views", label: "server RSS after start", value: mb(started.rssBytes), numbers: { rssBytes: started.rssBytes } });
    // As the server section: /api/health and the event loop watched while the views are first built and then read.
    await underWatch(server, `10 clients read images/treemap/layers of ${target.bigHostLabel}`, async () => {
      await explorerRoutes(server, target);
    });
    // Nothing on the request loop of the other pages' first answers either (volumes, suggestions, shared layers… run in the read worker).
    await underWatch(server, `one client opens the dashboard's other GETs after a new poll of ${target.bigHostLabel}`, async () => {
      await otherDashboardRoutes(server, target);
    });
    await treemapInChromium(server, target);
    await rssPeakRow(server, "views", "server RSS, peak over the views rows");
  } finally {
    await server.stop();
  }
}
