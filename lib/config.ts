import "server-only";
import { configProblemsMessage, parseConfig, VARIABLES, type ConfigValues } from "./configSchema.mjs";

// The one place the server reads its environment (the lint rule ballast/env-through-config keeps it
// so). Variables, defaults and checks live in lib/configSchema.mjs, shared with scripts/start.mjs,
// which refuses to start on a junk value before anything else happens.

export type Config = Readonly<ConfigValues>;
export type ConfigName = keyof ConfigValues;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(configProblemsMessage(problems));
    this.name = "ConfigError";
  }
}

/** Parses an environment without caching: for tests and for checking a start-up environment. */
export function parseEnvironment(env: Record<string, string | undefined>): Config {
  const result = parseConfig(env);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

const NAMES = Object.keys(VARIABLES) as ConfigName[];
let cached: { key: string; config: Config } | null = null;

/**
 * The validated configuration of this process. Parsed once and reused while the variables stay the
 * same (tests change process.env between cases; comparing ~20 strings costs less than re-validating).
 * Throws ConfigError, naming each bad variable and what it expects, on a junk value.
 */
export function config(): Config {
  const env = process.env;
  const key = NAMES.map((name) => env[name] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, config: parseEnvironment(env) };
  return cached.config;
}
