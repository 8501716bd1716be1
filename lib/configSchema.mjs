// Every environment variable Ballast reads, with its default (written here and nowhere else), what it
// expects, and what it means. Plain JavaScript so that scripts/start.mjs can check the environment
// under plain Node before it builds or starts anything; lib/config.ts gives the server a typed view.
// The README's configuration table is generated from VARIABLES (`npm run config:table`) and a unit
// test fails when they differ.
import { z } from "zod";

const wholeNumber = (min, max = Number.MAX_SAFE_INTEGER) => z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

const positiveNumber = (max) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().positive().max(max));

const FLAGS = { 1: true, true: true, yes: true, on: true, 0: false, false: false, no: false, off: false };
const flag = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((text) => text in FLAGS)
    .transform((text) => FLAGS[text]);

const text = () => z.string().trim().min(1);
const optionalText = () => z.string().optional();

/** The cost categories (lib/analysis/cost.ts COST_CATEGORIES; a unit test keeps the two equal). */
export const PRICE_CATEGORIES = ["images", "containers", "volumes", "buildCache", "logs"];

const categoryPrices = () =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return {};
      try {
        return JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(z.enum(PRICE_CATEGORIES), z.number().nonnegative().max(1000)));

/**
 * name → { default (the text a person would set; undefined: unset), defaultText (shown instead when the
 * default is computed; markdown), expects (said when a value is refused), meaning (the README's words), secret
 * (never echoed), schema }.
 * The schema parses the string (the default when unset or empty) into the value the code uses.
 */
export const VARIABLES = {
  PORT: { default: "3000", expects: "a TCP port, 1–65535", meaning: "HTTP port of the dashboard", schema: wholeNumber(1, 65535) },
  DATABASE_URL: {
    default: "file:./data/ballast.db",
    expects: "a SQLite URL such as file:./data/ballast.db",
    meaning: "SQLite file (relative paths are taken from the project folder); WAL mode",
    schema: z
      .string()
      .trim()
      .regex(/^file:.+/),
  },
  DOCKER_HOST: {
    default: "unix:///var/run/docker.sock",
    expects: "an engine address: unix:///path, tcp://host:port or ssh://user@host",
    meaning: "the engine registered as host `local` (`DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH` work as for the Docker CLI)",
    schema: z
      .string()
      .trim()
      .regex(/^(unix:\/\/\/|tcp:\/\/|ssh:\/\/).+/),
  },
  DOCKER_TLS_VERIFY: {
    default: undefined,
    expects: "1 to verify the engine's certificate",
    meaning: "`1`: `DOCKER_HOST` is tcp:// with mutual TLS, and its certificate is verified",
    schema: optionalText(),
  },
  DOCKER_CERT_PATH: {
    default: undefined,
    defaultText: "`~/.docker`",
    expects: "a folder holding ca.pem, cert.pem and key.pem",
    meaning: "where the TLS files for `DOCKER_HOST` are",
    schema: optionalText(),
  },
  SSH_AUTH_SOCK: {
    default: undefined,
    expects: "the SSH agent's socket",
    meaning: "the SSH agent `ssh://` hosts authenticate with",
    schema: optionalText(),
  },
  BALLAST_POLL_INTERVAL: {
    default: "300",
    expects: "a whole number of seconds, 10 or more",
    meaning: "seconds between polls of each host (minimum 10)",
    schema: wholeNumber(10),
  },
  BALLAST_POLLER: {
    default: "on",
    expects: "on or off",
    meaning: "`off` disables background polling (polls then happen only through the API/“Poll now”)",
    schema: z.enum(["on", "off"]),
  },
  BALLAST_WORKERS: {
    default: "on",
    expects: "on or off",
    meaning:
      "`off` runs polls' parsing and storing, the retention pass and the start-up backfill (the store worker's), and cost reports and snapshot view builds (the read worker's) on the server's own event loop instead of those two worker threads (slower answers while a big host is polled or a report runs)",
    schema: z.enum(["on", "off"]),
  },
  BALLAST_WORKER_HEAP_MB: {
    default: "512",
    expects: "a whole number of MB, 128–16384",
    meaning:
      "the most JavaScript heap (V8 old generation) each worker thread may hold (lib/worker/threadLimits.ts). A task that needs more fails with an out-of-memory error and its worker is replaced; raise it only if the server log says so",
    schema: wholeNumber(128, 16384),
  },
  BALLAST_KEEP_FULL_DAYS: {
    default: "14",
    expects: "a whole number of days, 1 or more",
    meaning:
      "retention: every snapshot younger than this is kept; older ones are thinned to one per hour (see `BALLAST_KEEP_HOURLY_DAYS`). Snapshots that runs, suggestions or other snapshots point at are always kept (README “Retention”)",
    schema: wholeNumber(1),
  },
  BALLAST_KEEP_HOURLY_DAYS: {
    default: "90",
    expects: "a whole number of days, 1 or more",
    meaning:
      "retention: snapshots older than this are thinned to one per day (kept for ever); between `BALLAST_KEEP_FULL_DAYS` and this age, one per hour. A value not above `BALLAST_KEEP_FULL_DAYS` means no hourly step",
    schema: wholeNumber(1),
  },
  BALLAST_RETENTION: {
    default: "on",
    expects: "on or off",
    meaning: "`off` stops the retention pass (at start and hourly, with the poller): every snapshot is then kept and the database only grows",
    schema: z.enum(["on", "off"]),
  },
  BALLAST_ENGINE_TIMEOUT_MS: {
    default: "120000",
    expects: "a whole number of milliseconds, 1 or more",
    meaning: "deadline for one Engine API request",
    schema: wholeNumber(1),
  },
  BALLAST_POLL_TIMEOUT_MS: {
    default: "900000",
    expects: "a whole number of milliseconds, 1 or more",
    meaning: "deadline for a whole poll of one host: its requests are aborted then, and the host reads `unreachable` (`timeout`)",
    schema: wholeNumber(1),
  },
  BALLAST_PART_MAX_AGE_SEC: {
    default: "1800",
    expects: "a whole number of seconds, 0 or more",
    meaning:
      "longest a background poll carries a part (images, containers, volumes, build cache) without reading it from the engine again; parts the engine's events say changed are read at the next poll, and every figure says when it was read (0: read everything at every poll)",
    schema: wholeNumber(0),
  },
  BALLAST_RUN_HOST_WAIT_MS: {
    default: "60000",
    expects: "a whole number of milliseconds, 1 or more",
    meaning:
      "a cleanup whose host stops answering waits this long for it, then ends `partial` (what it could not confirm is read back when the host answers again)",
    schema: wholeNumber(1),
  },
  BALLAST_POLL_CONCURRENCY: {
    default: "4",
    expects: "a whole number of hosts, 1–64",
    meaning: "hosts polled at once; a slot that frees takes the next due host at once",
    schema: wholeNumber(1, 64),
  },
  BALLAST_BACKOFF_MAX_SEC: {
    default: "3600",
    expects: "a whole number of seconds, 10 or more",
    meaning:
      "a failing host is retried after its interval × 2^(failures−1) (±20 % jitter), at most this long apart (never less than its interval); a good poll resets it",
    schema: wholeNumber(10),
  },
  BALLAST_MAX_RESPONSE_BYTES: {
    default: "268435456",
    expects: "a whole number of bytes, 1024 or more",
    meaning: "largest Engine API answer Ballast reads (256 MiB); larger answers fail the poll with `too_large`",
    schema: wholeNumber(1024),
  },
  BALLAST_ADMIN_USER: {
    default: undefined,
    expects: "a user name",
    meaning:
      "the person who may sign in and approve cleanups (with `BALLAST_ADMIN_PASSWORD`). Without it nobody can approve; removing it disables that account at the next start",
    schema: z.string().trim().optional(),
  },
  BALLAST_ADMIN_PASSWORD: {
    default: undefined,
    expects: "a password of 8 characters or more",
    meaning: "that person's password (≥ 8 characters)",
    secret: true,
    schema: optionalText(),
  },
  BALLAST_SESSION_HOURS: {
    default: "12",
    expects: "a number of hours above 0, at most 8760",
    meaning: "how long a sign-in lasts",
    schema: positiveNumber(8760),
  },
  BALLAST_ANONYMOUS_VIEW: {
    default: "false",
    expects: "true or false",
    meaning:
      "`true`: people who are not signed in may read every page and read-only API (hosts, snapshots, labels, costs; never the audit log or any change). Risky: label values often hold secrets",
    schema: flag(),
  },
  BALLAST_LISTEN: {
    default: undefined,
    defaultText: "127.0.0.1 without accounts, every interface with them",
    expects: "host, host:port, [v6]:port or :port",
    meaning: "where the dashboard listens, overriding the rule that an install without accounts listens on 127.0.0.1 only",
    schema: optionalText(),
  },
  BALLAST_TRUSTED_PROXIES: {
    default: undefined,
    expects: "comma-separated IP addresses or CIDRs, e.g. 127.0.0.1,10.0.0.0/8",
    meaning: "reverse proxies whose `X-Forwarded-For` names the client (for the sign-in limits); from anyone else the header is ignored",
    schema: optionalText(),
  },
  BALLAST_LOGIN_FAILURES_PER_USER: {
    default: "10",
    expects: "a whole number above 0",
    meaning: "failed sign-ins per user name in 10 minutes before 429 (with Retry-After)",
    schema: wholeNumber(1),
  },
  BALLAST_LOGIN_FAILURES_PER_ADDRESS: {
    default: "30",
    expects: "a whole number above 0",
    meaning: "failed sign-ins per client address in 10 minutes before 429 (with Retry-After)",
    schema: wholeNumber(1),
  },
  BALLAST_POLLS_PER_MINUTE: {
    default: "60",
    expects: "a whole number above 0",
    meaning: '"Poll now" requests per signed-in user (or client address without accounts) per minute before 429',
    schema: wholeNumber(1),
  },
  BALLAST_ALLOWED_ENDPOINTS: {
    default: undefined,
    expects: "comma-separated endpoint globs, e.g. tcp://10.0.*:2376,unix:///var/run/docker.sock",
    meaning: "when set, the only engine endpoints Ballast adds or polls; also the way to allow a link-local address (169.254.0.0/16, fe80::/10, fd00:ec2::254)",
    schema: optionalText(),
  },
  BALLAST_TLS_DIR: {
    default: undefined,
    defaultText: "`DOCKER_CERT_PATH`, else `~/.docker`",
    expects: "a directory (several separated by :)",
    meaning: "where the TLS files of tcp:// hosts must live (readable regular files under it, symlinks resolved)",
    schema: optionalText(),
  },
  BALLAST_UNUSED_IMAGE_DAYS: {
    default: "30",
    expects: "a whole number of days, 0 or more",
    meaning:
      "a tagged image no container uses is suggested for removal when it has been idle on that host for more than this many days: counted from when Ballast first saw it there or a container last used it (never from its build date alone), and checked again just before the delete; `0` = no minimum",
    schema: wholeNumber(0),
  },
  BALLAST_BUILD_CACHE_DAYS: {
    default: "7",
    expects: "a whole number of days, 0 or more",
    meaning: "private build cache unused for longer is suggested for removal",
    schema: wholeNumber(0),
  },
  BALLAST_INCLUDE_NAMED_VOLUMES: {
    default: "false",
    expects: "true or false",
    meaning: "`true` lets Ballast remove unused *named* volumes (anonymous ones only otherwise)",
    schema: flag(),
  },
  BALLAST_PROTECT_LABEL: {
    default: "ballast.protect",
    expects: "a label key",
    meaning: "images, containers and volumes with this label (`=true`) are never cleaned up",
    schema: text(),
  },
  BALLAST_WRITABLE_BLOAT_BYTES: {
    default: "1000000000",
    expects: "a whole number of bytes, 1 or more",
    meaning: "writable layers above this are flagged as data that belongs in a volume",
    schema: wholeNumber(1),
  },
  BALLAST_CATEGORY_PRICES: {
    default: undefined,
    expects: `JSON such as {"volumes":0.08}: $/GB-month (0–1000) for any of ${PRICE_CATEGORIES.join(", ")}`,
    meaning: 'per-category prices for every host, JSON such as `{"volumes":0.08}` (see [docs/cost-model.md](docs/cost-model.md))',
    schema: categoryPrices(),
  },
  BALLAST_SECRET_KEY: {
    default: undefined,
    expects: "32 bytes as 64 hex characters or base64 (openssl rand -hex 32)",
    meaning: "the key that encrypts stored agent tokens (AES-256-GCM); unset: a key file beside the database",
    secret: true,
    schema: z
      .string()
      .trim()
      .refine((text) => (/^[0-9a-fA-F]{64}$/.test(text) ? true : Buffer.from(text, "base64").length === 32))
      .optional(),
  },
  BALLAST_SECRET_KEY_FILE: {
    default: undefined,
    defaultText: "`secret.key` beside the database",
    expects: "the path of a key file",
    meaning: "where the key is kept when `BALLAST_SECRET_KEY` is unset (created on first use, mode 0600)",
    schema: optionalText(),
  },
  BALLAST_SSH_KNOWN_HOSTS: {
    default: undefined,
    defaultText: "`~/.ssh/known_hosts`",
    expects: "the path of an OpenSSH known_hosts file",
    meaning: "host keys `ssh://` hosts must match (strict: unknown or changed keys are refused)",
    schema: optionalText(),
  },
};

/**
 * Parses an environment (process.env) into { ok: true, config } or { ok: false, problems }, one
 * problem per refused variable, naming it, its value and what it expects. Empty means unset.
 */
export function parseConfig(env) {
  const config = {};
  const problems = [];
  for (const [name, spec] of Object.entries(VARIABLES)) {
    const raw = env[name] === "" ? undefined : env[name];
    const parsed = spec.schema.safeParse(raw ?? spec.default);
    if (parsed.success) config[name] = parsed.data;
    else
      problems.push(
        `${name}=${spec.secret ? "(hidden)" : JSON.stringify(raw)}: expected ${spec.expects}${spec.default === undefined ? "" : ` (unset: ${spec.default})`}`,
      );
  }
  return problems.length === 0 ? { ok: true, config } : { ok: false, problems };
}

/** The text a refused start prints. */
export function configProblemsMessage(problems) {
  return `Ballast cannot start: ${problems.length === 1 ? "an environment variable has" : "environment variables have"} an invalid value.\n${problems.map((p) => `  ${p}`).join("\n")}\nFix or unset ${problems.length === 1 ? "it" : "them"}; the README's Configuration section lists every variable.`;
}

/** The README's configuration table (markdown). */
export function configTableMarkdown() {
  const rows = Object.entries(VARIABLES).map(([name, spec]) => {
    const shown = spec.default !== undefined ? `\`${spec.default}\`` : (spec.defaultText ?? "unset");
    return `| \`${name}\` | ${shown} | ${spec.meaning} |`;
  });
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}
