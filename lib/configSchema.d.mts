// Types for configSchema.mjs (plain JavaScript so that scripts/start.mjs can load it under plain Node).
// tests/unit/config/config.test.ts checks that these names are exactly VARIABLES' and that each parsed
// value has the type said here.

/** The validated value of each variable (unset optional ones are undefined). */
export interface ConfigValues {
  PORT: number;
  DATABASE_URL: string;
  DOCKER_HOST: string;
  DOCKER_TLS_VERIFY: string | undefined;
  DOCKER_CERT_PATH: string | undefined;
  SSH_AUTH_SOCK: string | undefined;
  BALLAST_POLL_INTERVAL: number;
  BALLAST_POLLER: "on" | "off";
  BALLAST_WORKERS: "on" | "off";
  BALLAST_WORKER_HEAP_MB: number;
  BALLAST_KEEP_FULL_DAYS: number;
  BALLAST_KEEP_HOURLY_DAYS: number;
  BALLAST_RETENTION: "on" | "off";
  BALLAST_ENGINE_TIMEOUT_MS: number;
  BALLAST_POLL_TIMEOUT_MS: number;
  BALLAST_PART_MAX_AGE_SEC: number;
  BALLAST_RUN_HOST_WAIT_MS: number;
  BALLAST_POLL_CONCURRENCY: number;
  BALLAST_BACKOFF_MAX_SEC: number;
  BALLAST_MAX_RESPONSE_BYTES: number;
  BALLAST_ADMIN_USER: string | undefined;
  BALLAST_ADMIN_PASSWORD: string | undefined;
  BALLAST_SESSION_HOURS: number;
  BALLAST_ANONYMOUS_VIEW: boolean;
  BALLAST_LISTEN: string | undefined;
  BALLAST_TRUSTED_PROXIES: string | undefined;
  BALLAST_LOGIN_FAILURES_PER_USER: number;
  BALLAST_LOGIN_FAILURES_PER_ADDRESS: number;
  BALLAST_POLLS_PER_MINUTE: number;
  BALLAST_ALLOWED_ENDPOINTS: string | undefined;
  BALLAST_TLS_DIR: string | undefined;
  BALLAST_UNUSED_IMAGE_DAYS: number;
  BALLAST_BUILD_CACHE_DAYS: number;
  BALLAST_INCLUDE_NAMED_VOLUMES: boolean;
  BALLAST_PROTECT_LABEL: string;
  BALLAST_WRITABLE_BLOAT_BYTES: number;
  BALLAST_CATEGORY_PRICES: Partial<Record<"images" | "containers" | "volumes" | "buildCache" | "logs", number>>;
  BALLAST_SECRET_KEY: string | undefined;
  BALLAST_SECRET_KEY_FILE: string | undefined;
  BALLAST_SSH_KNOWN_HOSTS: string | undefined;
}

export type VariableSpec = {
  default: string | undefined;
  defaultText?: string;
  expects: string;
  meaning: string;
  secret?: boolean;
  schema: { safeParse(input: unknown): { success: boolean; data?: unknown } };
};

export declare const PRICE_CATEGORIES: string[];
export declare const VARIABLES: { readonly [K in keyof ConfigValues]: VariableSpec };
export declare function parseConfig(env: Record<string, string | undefined>): { ok: true; config: ConfigValues } | { ok: false; problems: string[] };
export declare function configProblemsMessage(problems: string[]): string;
export declare function configTableMarkdown(): string;
