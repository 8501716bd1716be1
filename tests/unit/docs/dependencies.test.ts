import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The README says why each runtime dependency is there; this keeps that list and package.json equal.
const root = path.resolve(import.meta.dirname, "../../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

describe("README §Dependencies", () => {
  it("explains every runtime dependency, and only those", () => {
    const section = readme.slice(readme.indexOf("## Dependencies"), readme.indexOf("Everything else is a development tool"));
    const named = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((row) => [...row[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    expect(named.sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
