import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error plain ESM script shared with the browser tests
import { startPrivateDockerd, stopPrivateDockerd } from "@/scripts/test-env/privateDockerd.mjs";
import { POST as addHost } from "@/app/api/hosts/route";
import { POST as pollRoute } from "@/app/api/hosts/[hostId]/poll/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as listSuggestions } from "@/app/api/suggestions/route";
import { POST as approveRoute } from "@/app/api/suggestions/[suggestionId]/approve/route";
import { ensureInitialAdmin } from "@/lib/auth/initialAdmin";
import { jsonOf, params, request } from "./routes";
import { useFreshDatabase } from "./testDatabase";

// A private dockerd of the test file's own (cleanup tests delete things: never on the shared scene
// engine), a fresh database, a signed-in admin and the engine registered as a host.

const DOCKER = fs.existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
export const ADMIN = { username: "approver", password: "correct horse battery" };

export type ActionEngine = {
  dockerHost: string;
  /** The private dockerd's folder (to stop and start it again: scripts/test-env/privateDockerd.mjs). */
  dockerdDir: string;
  databaseFile: string;
  hostId: string;
  cookie: string;
  docker: (args: string[], options?: { buildkit?: boolean }) => string;
  build: (tag: string, dockerfile: string, options?: { buildkit?: boolean; args?: Record<string, string> }) => void;
  poll: () => Promise<{ id: string; totals: Record<string, number> }>;
  suggestion: (strategy: string) => Promise<any>;
  approve: (suggestionId: string, cookie?: string, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;
  close: () => Promise<void>;
};

export const write = (file: string, kib: number) => `dd if=/dev/urandom of=${file} bs=1024 count=${kib} 2>/dev/null`;

/** Which engine of the test matrix (scripts/test-env/engines.mjs) to start; the system's 20.10 when omitted. */
export type TestEngine = { name: string; engineDir?: string; containerdStore: boolean };

export async function startActionEngine(name: string, options: { dockerdArgs?: string[]; engine?: TestEngine } = {}): Promise<ActionEngine> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ballast-${name}-`));
  const context = path.join(root, "context");
  fs.mkdirSync(context);
  fs.copyFileSync("/bin/busybox", path.join(context, "busybox"));
  const engine = await startPrivateDockerd(path.join(root, "dockerd"), {
    extraArgs: options.dockerdArgs ?? [],
    engineDir: options.engine?.engineDir,
    containerdStore: options.engine?.containerdStore,
  });
  let database: Awaited<ReturnType<typeof useFreshDatabase>> | null = null;
  const close = async () => {
    await stopPrivateDockerd(path.join(root, "dockerd"));
    await database?.cleanup();
    fs.rmSync(root, { recursive: true, force: true });
  };
  // A failure while setting up must not leave the private dockerd running (afterAll has no engine to close).
  try {
    database = await useFreshDatabase();
    Object.assign(process.env, { BALLAST_ADMIN_USER: ADMIN.username, BALLAST_ADMIN_PASSWORD: ADMIN.password });
    await ensureInitialAdmin();
    const docker = (args: string[], options: { buildkit?: boolean } = {}) =>
      execFileSync(DOCKER, args, {
        env: { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_BUILDKIT: options.buildkit ? "1" : "0" },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }).trim();
    const build: ActionEngine["build"] = (tag, dockerfile, options = {}) => {
      fs.writeFileSync(path.join(context, "Dockerfile"), dockerfile);
      const args = Object.entries(options.args ?? {}).flatMap(([k, v]) => ["--build-arg", `${k}=${v}`]);
      docker(["build", "-q", "-t", tag, ...args, ...(options.buildkit ? ["--network", "none"] : []), context], options);
    };
    build("t/base:1", `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\nENV PATH=/bin\n`);
    const signedIn = await login(request("/api/auth/login", { method: "POST", body: ADMIN }));
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0];
    const created = await jsonOf(await addHost(request("/api/hosts", { method: "POST", body: { name, endpoint: engine.dockerHost }, headers: { cookie } })));
    if (created.status !== 201) throw new Error(`adding the test host answered ${created.status}: ${JSON.stringify(created.body)}`);
    const hostId = created.body.host.id as string;
    const poll = async () =>
      (await jsonOf(await pollRoute(request(`/api/hosts/${hostId}/poll`, { method: "POST", headers: { cookie } }), params({ hostId })))).body.snapshot;
    const suggestion = async (strategy: string) => {
      const { body } = await jsonOf(await listSuggestions(request(`/api/suggestions?hostId=${hostId}`, { headers: { cookie } })));
      return body.suggestions.find((s: { strategy: string }) => s.strategy === strategy);
    };
    const approve: ActionEngine["approve"] = async (suggestionId, withCookie = cookie, headers = {}) =>
      jsonOf(
        await approveRoute(
          request(`/api/suggestions/${suggestionId}/approve`, { method: "POST", headers: { ...(withCookie ? { cookie: withCookie } : {}), ...headers } }),
          params({ suggestionId }),
        ),
      );
    return {
      dockerHost: engine.dockerHost,
      dockerdDir: path.join(root, "dockerd"),
      databaseFile: database.file,
      hostId,
      cookie,
      docker,
      build,
      poll,
      suggestion,
      approve,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** |a − b| ≤ 1% of b (and exact when b is 0). */
export function within1Percent(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.abs(expected) * 0.01;
}
