// ESLint (flat config) for Ballast: the layer boundaries, the pure analysis core, server-only modules
// and one configuration module — rules only, no style (Prettier formats). Why ESLint and not Biome:
// CONTRIBUTING.md §Lint. The boundaries are data in lint/boundaries.mjs; the rules in lint/plugin.mjs.
import tseslint from "typescript-eslint";
import { ENV_READERS, SERVER_ONLY, ZONES } from "./lint/boundaries.mjs";
import ballast from "./lint/plugin.mjs";

const SOURCES = "{ts,tsx,mts,mjs}";

export default [
  // tests/fixtures/lint/ holds files that break a rule on purpose (tests/unit/lint/rules.test.ts lints them).
  { ignores: ["lib/generated/**", "node_modules/**", ".next/**", "tests/**", "e2e/**", "scripts/**", "data/**", "test-results/**", ".test-env/**"] },
  {
    files: [`app/**/*.${SOURCES}`, `components/**/*.${SOURCES}`, `lib/**/*.${SOURCES}`, "instrumentation.ts"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { ballast },
    rules: {
      "ballast/boundaries": ["error", { zones: ZONES }],
      "ballast/env-through-config": "error",
    },
  },
  { files: ENV_READERS, rules: { "ballast/env-through-config": "off" } },
  { files: [`lib/analysis/**/*.${SOURCES}`], rules: { "ballast/no-ambient-time": "error" } },
  {
    files: [...SERVER_ONLY.folders.map((folder) => `${folder}**/*.${SOURCES}`), ...SERVER_ONLY.files],
    ignores: [...SERVER_ONLY.except, "**/*.d.ts", "**/*.d.mts"],
    rules: { "ballast/server-only-first": "error" },
  },
];
