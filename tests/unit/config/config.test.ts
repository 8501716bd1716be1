import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { strategySettingsFromEnv } from "@/lib/actions/strategySettings";
import { COST_CATEGORIES } from "@/lib/analysis/cost";
import { DEFAULT_STRATEGY_SETTINGS } from "@/lib/analysis/strategies/types";
import { ConfigError, config, parseEnvironment, type ConfigName } from "@/lib/config";
import { configTableMarkdown, PRICE_CATEGORIES, VARIABLES } from "@/lib/configSchema.mjs";

const root = path.resolve(import.meta.dirname, "../../..");

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("lib/config.ts", () => {
  it("gives every variable its documented default when the environment is empty", () => {
    const settings = parseEnvironment({});
    expect(settings).toMatchObject({
      PORT: 3000,
      DATABASE_URL: "file:./data/ballast.db",
      DOCKER_HOST: "unix:///var/run/docker.sock",
      BALLAST_POLL_INTERVAL: 300,
      BALLAST_POLLER: "on",
      BALLAST_ENGINE_TIMEOUT_MS: 120_000,
      BALLAST_POLL_TIMEOUT_MS: 900_000,
      BALLAST_MAX_RESPONSE_BYTES: 256 * 1024 * 1024,
      BALLAST_SESSION_HOURS: 12,
      BALLAST_INCLUDE_NAMED_VOLUMES: false,
      BALLAST_CATEGORY_PRICES: {},
    });
    expect(settings.BALLAST_ADMIN_USER).toBeUndefined();
  });

  it("reads values and treats empty as unset", () => {
    const settings = parseEnvironment({
      PORT: "8080",
      BALLAST_POLL_INTERVAL: "900",
      BALLAST_INCLUDE_NAMED_VOLUMES: "yes",
      DATABASE_URL: "",
      BALLAST_CATEGORY_PRICES: '{"volumes":0.08}',
    });
    expect(settings).toMatchObject({ PORT: 8080, BALLAST_POLL_INTERVAL: 900, BALLAST_INCLUDE_NAMED_VOLUMES: true, DATABASE_URL: "file:./data/ballast.db" });
    expect(settings.BALLAST_CATEGORY_PRICES).toEqual({ volumes: 0.08 });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["BALLAST_POLL_INTERVAL", "5m"],
    ["BALLAST_POLL_INTERVAL", "3"],
    ["BALLAST_ENGINE_TIMEOUT_MS", "-1"],
    ["BALLAST_SESSION_HOURS", "0"],
    ["BALLAST_POLLER", "maybe"],
    ["BALLAST_INCLUDE_NAMED_VOLUMES", "maybe"],
    ["BALLAST_BUILD_CACHE_DAYS", "seven"],
    ["BALLAST_CATEGORY_PRICES", "{volumes:1}"],
    ["BALLAST_CATEGORY_PRICES", '{"disks":1}'],
    ["DATABASE_URL", "postgres://x"],
    ["DOCKER_HOST", "localhost:2375"],
  ])("refuses %s=%s, naming the variable and what it expects", (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${name}=${JSON.stringify(value)}: expected ${VARIABLES[name as ConfigName].expects}`);
  });

  it("refuses a short BALLAST_SECRET_KEY without echoing it", () => {
    const [problem] = problemsOf({ BALLAST_SECRET_KEY: "tooshort" });
    expect(problem).toContain("BALLAST_SECRET_KEY=(hidden): expected 32 bytes");
    expect(problem).not.toContain("tooshort");
    expect(problemsOf({ BALLAST_SECRET_KEY: "ab".repeat(32) })).toEqual([]);
  });

  it("caches while the environment stays the same and sees a changed variable", () => {
    const saved = process.env.BALLAST_SESSION_HOURS;
    try {
      process.env.BALLAST_SESSION_HOURS = "5";
      expect(config()).toBe(config());
      expect(config().BALLAST_SESSION_HOURS).toBe(5);
      process.env.BALLAST_SESSION_HOURS = "6";
      expect(config().BALLAST_SESSION_HOURS).toBe(6);
    } finally {
      if (saved === undefined) delete process.env.BALLAST_SESSION_HOURS;
      else process.env.BALLAST_SESSION_HOURS = saved;
    }
  });

  it("keeps its defaults equal to the analysis defaults and categories", () => {
    expect(PRICE_CATEGORIES).toEqual([...COST_CATEGORIES]);
    expect(strategySettingsFromEnv({})).toEqual(DEFAULT_STRATEGY_SETTINGS);
  });

  it("has types (configSchema.d.mts ConfigValues) naming exactly its variables, each of the parsed type", () => {
    const declaration = fs.readFileSync(path.join(root, "lib/configSchema.d.mts"), "utf8");
    const body = declaration.slice(
      declaration.indexOf("export interface ConfigValues {"),
      declaration.indexOf("}\n", declaration.indexOf("export interface ConfigValues {")),
    );
    const declared = Object.fromEntries([...body.matchAll(/^\s+([A-Z_]+): (.+);$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(declared).sort()).toEqual(Object.keys(VARIABLES).sort());
    const parsed = parseEnvironment({});
    for (const [name, type] of Object.entries(declared)) {
      const value = parsed[name as ConfigName];
      if (type === "number" || type === "boolean" || type === "string") expect(typeof value, name).toBe(type);
      if (type === "string | undefined") expect(value, name).toBeUndefined();
    }
  });

  it("is the README's configuration table (npm run config:table writes it)", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain(configTableMarkdown());
  });
});

describe("npm start with a junk value", () => {
  it("stops before building, naming the variable", () => {
    const run = spawnSync(process.execPath, [path.join(root, "scripts/start.mjs")], {
      env: { ...process.env, BALLAST_POLL_INTERVAL: "five minutes" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('BALLAST_POLL_INTERVAL="five minutes": expected a whole number of seconds, 10 or more (unset: 300)');
    expect(run.stdout).not.toContain("building");
  });
});
