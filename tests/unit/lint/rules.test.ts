import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Each fixture breaks one rule; linted as if it sat at its `// lint-as:` path, it must fail with exactly
// the rules on its `// expect:` line (and a message that says why). The boundaries would otherwise
// only be checked by the absence of errors in the tree.

const root = path.resolve(import.meta.dirname, "../../..");
const dir = path.join(root, "tests/fixtures/lint");
const fixtures = fs.readdirSync(dir).filter((name) => /\.tsx?$/.test(name));
const eslint = new ESLint({ cwd: root });

function header(source: string, key: string): string {
  const line = source.split("\n").find((l) => l.startsWith(`// ${key}:`));
  if (!line) throw new Error(`fixture without // ${key}:`);
  return line.slice(`// ${key}:`.length).trim();
}

describe("lint rules bite", () => {
  it.each(fixtures)("%s", async (name) => {
    const source = fs.readFileSync(path.join(dir, name), "utf8");
    const [expected, zone] = header(source, "expect").split(/\s+/, 2);
    const [result] = await eslint.lintText(source, { filePath: path.join(root, header(source, "lint-as")) });
    const rules = result.messages.map((m) => m.ruleId);
    if (expected === "nothing") return expect(result.messages).toEqual([]);
    const want = header(source, "expect")
      .split(/\s+/)
      .filter((word) => word.startsWith("ballast/"));
    expect(rules).toEqual(want);
    if (zone && !zone.startsWith("ballast/")) expect(result.messages[0].message).toContain(`[ballast/boundaries: ${zone}]`);
    // Every message explains itself: the rule's reason and where to read more.
    for (const message of result.messages) expect(message.message).toMatch(/STYLE\.md|CONTRIBUTING\.md|docs\/architecture\.md/);
  });

  it("leaves the fixtures out of the normal lint run", async () => {
    expect(await eslint.isPathIgnored(path.join(dir, "clean.ts"))).toBe(true);
  });
});

describe("the docs name the rules", () => {
  it("CONTRIBUTING.md explains every boundary zone and docs/architecture.md every server-only folder", async () => {
    const { SERVER_ONLY, ZONES } = await import("../../../lint/boundaries.mjs");
    const contributing = fs.readFileSync(path.join(root, "CONTRIBUTING.md"), "utf8");
    const architecture = fs.readFileSync(path.join(root, "docs/architecture.md"), "utf8");
    for (const zone of ZONES) expect(contributing, zone.name).toContain(`\`${zone.name}\``);
    for (const folder of SERVER_ONLY.folders) expect(architecture, folder).toContain(`\`${folder.replace(/\/$/, "")}\``);
  });
});
