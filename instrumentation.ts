// Runs once when the Next.js server starts: check the configuration (a junk environment value stops
// the start here, naming the variable), bring the database schema up to date, then start the poller
// (it registers the local engine as host "local" when one answers and polls every host).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config, ConfigError } = await import("./lib/config");
  let settings;
  try {
    settings = config();
  } catch (error) {
    // Next.js would log a failed hook and keep serving a half-started app: stop instead (npm start
    // refuses the same values before it builds; this covers `next start` run by hand).
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const { migrateDatabase } = await import("./lib/store/databaseUrl");
  const applied = migrateDatabase();
  if (applied.length > 0) console.log(`[ballast] applied migrations: ${applied.join(", ")}`);
  // The initial admin (BALLAST_ADMIN_USER / BALLAST_ADMIN_PASSWORD); without them nobody can approve.
  const { ensureInitialAdmin } = await import("./lib/auth/initialAdmin");
  await ensureInitialAdmin();
  // Runs a dead process left "running" become "interrupted" and their targets are read back (issue 8).
  const { startRunReconciler } = await import("./lib/actions/reconcileRuns");
  startRunReconciler();
  // Report aggregates for snapshots stored before they existed: in the background, in slices (a report
  // that needs a host's backlog first waits for that host's share of it).
  // In the store worker with the other background writers (lib/worker/storeWorker.ts).
  const { backfillAllAggregates } = await import("./lib/store/aggregateBackfill");
  const { runStoreTask, workersEnabled } = await import("./lib/worker/storeWorker");
  void (workersEnabled() ? runStoreTask("backfillAggregates", null) : backfillAllAggregates()).catch((error) =>
    console.error("[ballast] aggregate backfill:", error instanceof Error ? error.message : error),
  );
  // The read worker started now and its report queries compiled (lib/worker/readTasks.ts, warmUp), so a
  // person's first report after a restart does not pay for it.
  if (workersEnabled()) {
    const { runReadTask } = await import("./lib/worker/readWorker");
    void runReadTask("warmUp", null).catch((error) => console.error("[ballast] read worker warm-up:", error instanceof Error ? error.message : error));
  }
  if (settings.BALLAST_POLLER === "off") return;
  const { startPoller } = await import("./lib/poller/scheduler");
  startPoller();
}
