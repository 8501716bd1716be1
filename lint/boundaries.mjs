// The layer boundaries of Ballast, as data: `eslint.config.mjs` turns them into lint rules, and
// docs/architecture.md, the README's layout section and CONTRIBUTING.md describe the same arrows.
// Paths are repository-relative prefixes ("lib/store/" = the folder, "lib/collect/engine" = one module,
// matched with or without its extension); packages are npm names (a name also covers its subpaths).

/** Modules that reach the database, an engine, sessions or secrets: each starts with `import "server-only"`. */
export const SERVER_ONLY = {
  folders: ["lib/store/", "lib/actions/", "lib/poller/", "lib/auth/"],
  files: [
    "lib/config.ts",
    "lib/collect/engine.ts",
    "lib/collect/collectSnapshot.ts",
    "lib/api/request.ts",
    "lib/api/response.ts",
    "lib/api/withApiErrors.ts",
    "lib/api/explorerRoute.ts",
    "lib/api/cacheableViewBody.ts",
    "lib/api/costReportRequest.ts",
    "lib/api/route.ts",
    "lib/api/directRoutes.ts",
    "lib/worker/threadLimits.ts",
    "lib/worker/storeWorker.ts",
    "lib/worker/readWorker.ts",
  ],
  // Pure files inside those folders that plain Node (migrations at start, tests) loads as well.
  except: ["lib/store/applyMigrations.mjs", "lib/store/snapshotMapper.ts", "lib/store/snapshotParts.ts", "lib/store/imagePartCodec.ts"],
};

const PRISMA = ["@prisma/client", "@prisma/adapter-better-sqlite3", "better-sqlite3", "lib/generated/"];
const DOCKERODE = ["dockerode", "docker-modem", "ssh2"];
const IO_PACKAGES = [
  ...PRISMA,
  ...DOCKERODE,
  "fs",
  "node:fs",
  "fs/promises",
  "node:fs/promises",
  "net",
  "node:net",
  "http",
  "node:http",
  "https",
  "node:https",
  "child_process",
  "node:child_process",
  "next",
];
const SERVER_LAYERS = ["lib/store/", "lib/collect/", "lib/actions/", "lib/poller/", "lib/auth/"];

/**
 * Each zone: files under `from` (minus `except`) may not import anything under `forbid`; `message`
 * says why and what to do instead. A file may sit in several zones: every zone applies.
 */
export const ZONES = [
  {
    name: "prisma-only-in-store",
    from: [""],
    except: ["lib/store/"],
    forbid: PRISMA,
    message: "only lib/store may import the Prisma client or the SQLite driver: ask a store query function instead (STYLE.md, CONTRIBUTING.md)",
  },
  {
    name: "dockerode-only-in-engine",
    from: [""],
    except: ["lib/collect/engine.ts"],
    forbid: DOCKERODE,
    message:
      "only lib/collect/engine.ts may import dockerode: use its capped, deadlined EngineClient so every engine answer has a byte cap and a timeout (STYLE.md)",
  },
  {
    name: "analysis-is-pure",
    from: ["lib/analysis/"],
    forbid: [
      ...IO_PACKAGES,
      "lib/store/",
      "lib/actions/",
      "lib/poller/",
      "lib/auth/",
      "lib/api/",
      "lib/queries/",
      "lib/collect/engine",
      "lib/collect/collectSnapshot",
      "lib/config",
    ],
    message: "lib/analysis is pure (no Prisma, dockerode, node:fs, node:net, next/*, no other layer): pass plain data in and return plain data (STYLE.md)",
  },
  {
    name: "components-stay-in-the-browser",
    from: ["components/", "lib/queries/"],
    forbid: [...SERVER_LAYERS, ...SERVER_ONLY.files, "app/"],
    message:
      "components and query hooks run in the browser: reach data through a lib/queries hook and the public types in lib/api, never lib/store, lib/collect, lib/actions, lib/poller, lib/auth or app/ (docs/architecture.md)",
  },
  {
    name: "agent-is-plain-node",
    from: ["lib/agent/"],
    forbid: [...SERVER_LAYERS.filter((layer) => layer !== "lib/collect/"), ...SERVER_ONLY.files, "lib/api/", "lib/queries/"],
    message:
      "the host agent runs under plain Node on the Docker host: it may use pure modules (lib/collect/endpoint, lib/analysis) but nothing server-only, no store, no api (docs/architecture.md)",
  },
  {
    name: "public-types-are-the-apis",
    from: ["lib/api/types.ts", "lib/api/actionsSchema.ts"],
    forbid: ["lib/store/"],
    message:
      "the public API's types are written out in lib/api/types.ts, not re-exported store DTOs: a DTO field (a TLS path) must not reach clients by accident; map it in lib/api/publicBodies.ts (docs/architecture.md)",
  },
  {
    name: "lib-never-imports-the-ui",
    from: ["lib/"],
    forbid: ["app/", "components/"],
    message: "lib/ never imports app/ or components/: imports flow from pages and routes down into lib (docs/architecture.md)",
  },
  {
    name: "store-below-actions",
    from: ["lib/store/"],
    forbid: ["lib/actions/", "lib/poller/", "lib/auth/", "lib/api/", "lib/queries/"],
    message:
      "lib/store sits below actions, poller, auth and api: move the shared type or function down (lib/analysis for pure ones) instead of importing upward (docs/architecture.md)",
  },
  {
    name: "collect-below-store",
    from: ["lib/collect/"],
    forbid: ["lib/store/", "lib/actions/", "lib/poller/", "lib/auth/", "lib/api/", "lib/queries/"],
    message: "lib/collect reads engines and returns HostSnapshot values; it never imports the store or the layers above it (docs/architecture.md)",
  },
  {
    name: "auth-below-api",
    from: ["lib/auth/"],
    forbid: ["lib/actions/", "lib/poller/", "lib/api/", "lib/queries/"],
    message: "lib/auth answers who someone is and what they may do; HTTP answers (401/403 responses) belong to lib/api (docs/architecture.md)",
  },
  {
    name: "poller-below-actions",
    from: ["lib/poller/"],
    forbid: ["lib/actions/", "lib/api/", "lib/queries/", "lib/auth/"],
    message: "lib/poller schedules polls; it never imports actions, auth, api or query hooks (docs/architecture.md)",
  },
  {
    name: "actions-below-api",
    from: ["lib/actions/"],
    forbid: ["lib/api/", "lib/queries/"],
    message: "lib/actions runs approved cleanups and returns values; HTTP belongs to lib/api and the routes (docs/architecture.md)",
  },
];

/**
 * Where reading the environment is allowed: everything else asks lib/config.ts. The host agent is a
 * program of its own under plain Node (it cannot load server-only lib/config.ts): its entry point
 * hands the environment to lib/agent/options.ts, which validates the agent's BALLAST_AGENT_* options.
 */
export const ENV_READERS = ["lib/config.ts", "lib/configSchema.mjs", "lib/agent/main.ts"];
