// Ballast's own lint rules (ESLint flat config plugin "ballast"). Each message says the rule and why,
// so a failing `npm run lint` explains itself. The boundaries themselves are data in ./boundaries.mjs.
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const EXTENSION = /\.(d\.)?(ts|tsx|mts|mjs|js|jsx)$/;

/** Repository-relative path of the file being linted ("lib/store/db.ts"), forward slashes. */
export function repoPath(filename) {
  return path.relative(ROOT, filename).split(path.sep).join("/");
}

/** What an import names: a repository path without extension for "@/…" and "./…", else the package. */
export function importTarget(specifier, fromFile) {
  if (specifier.startsWith("@/")) return specifier.slice(2).replace(EXTENSION, "");
  if (specifier.startsWith(".")) return repoPath(path.resolve(path.dirname(fromFile), specifier)).replace(EXTENSION, "");
  return specifier;
}

/** "lib/store/" matches everything below it; "lib/collect/engine" (or "…/engine.ts") one module; "next" a package and its subpaths. */
export function matches(entry, target) {
  if (entry === "") return true;
  if (entry.endsWith("/")) return target.startsWith(entry);
  const bare = entry.replace(EXTENSION, "");
  return target === bare || target.startsWith(`${bare}/`);
}

const inAny = (entries, target) => entries.some((entry) => matches(entry, target));

/** Every module specifier in a file: import/export … from, import(), require(). */
function onEverySpecifier(report) {
  const check = (node, source) => {
    if (source && source.type === "Literal" && typeof source.value === "string") report(node, source.value);
  };
  return {
    ImportDeclaration: (node) => check(node, node.source),
    ExportNamedDeclaration: (node) => check(node, node.source),
    ExportAllDeclaration: (node) => check(node, node.source),
    ImportExpression: (node) => check(node, node.source),
    TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
    CallExpression: (node) => {
      if (node.callee.type === "Identifier" && node.callee.name === "require") check(node, node.arguments[0]);
    },
  };
}

const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "Layer boundaries between Ballast's folders (lint/boundaries.mjs)" },
    schema: [{ type: "object", properties: { zones: { type: "array" } }, additionalProperties: false }],
    messages: { crossed: "{{target}}: {{message}} [ballast/boundaries: {{zone}}]" },
  },
  create(context) {
    const file = repoPath(context.filename).replace(EXTENSION, "");
    const zones = (context.options[0]?.zones ?? []).filter((zone) => inAny(zone.from, file) && !inAny(zone.except ?? [], file));
    if (zones.length === 0) return {};
    return onEverySpecifier((node, specifier) => {
      const target = importTarget(specifier, context.filename);
      for (const zone of zones) {
        if (inAny(zone.forbid, target)) context.report({ node, messageId: "crossed", data: { target: specifier, message: zone.message, zone: zone.name } });
      }
    });
  },
};

const serverOnlyFirst = {
  meta: {
    type: "problem",
    docs: { description: 'Server-only modules start with import "server-only"' },
    schema: [],
    messages: {
      missing:
        'this module is server-only (it reaches the database, an engine, sessions or secrets): make `import "server-only";` its first statement, so a client bundle that pulls it in fails the build instead of shipping it (lint/boundaries.mjs SERVER_ONLY, CONTRIBUTING.md)',
    },
  },
  create(context) {
    return {
      Program(program) {
        const first = program.body.find((node) => node.type !== "ExpressionStatement" || !node.directive);
        const ok = first?.type === "ImportDeclaration" && first.source.value === "server-only" && first.specifiers.length === 0;
        if (!ok) context.report({ node: first ?? program, messageId: "missing" });
      },
    };
  },
};

const noAmbientTime = {
  meta: {
    type: "problem",
    docs: { description: "Pure code takes the time as an argument" },
    schema: [],
    messages: {
      ambient: "{{call}} reads the clock: lib/analysis is pure, so take the time as an argument (`now: Date`) and let the caller read it (STYLE.md)",
    },
  },
  create(context) {
    return {
      NewExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length === 0)
          context.report({ node, messageId: "ambient", data: { call: "new Date()" } });
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.property.type === "Identifier") {
          const name = `${callee.object.name}.${callee.property.name}`;
          if (name === "Date.now" || name === "performance.now") context.report({ node, messageId: "ambient", data: { call: `${name}()` } });
        }
        if (callee.type === "Identifier" && callee.name === "Date" && node.arguments.length === 0)
          context.report({ node, messageId: "ambient", data: { call: "Date()" } });
      },
    };
  },
};

const envThroughConfig = {
  meta: {
    type: "problem",
    docs: { description: "The environment is read in lib/config.ts only" },
    schema: [],
    messages: {
      env: "read settings through lib/config.ts (`config()`): it reads every variable once, validates it with zod and fails the start with the variable's name, where a stray process.env read gives NaN or a silent default (CONTRIBUTING.md)",
    },
  },
  create(context) {
    return {
      MemberExpression(node) {
        if (node.object.type !== "Identifier" || node.object.name !== "process") return;
        if (node.property.type !== "Identifier" || node.property.name !== "env" || node.computed) return;
        // Next.js's own switch between its Node and edge runtimes, not a setting of ours.
        const parent = node.parent;
        if (parent?.type === "MemberExpression" && parent.object === node && parent.property.type === "Identifier" && parent.property.name === "NEXT_RUNTIME")
          return;
        context.report({ node, messageId: "env" });
      },
    };
  },
};

export default {
  meta: { name: "ballast" },
  rules: { boundaries, "server-only-first": serverOnlyFirst, "no-ambient-time": noAmbientTime, "env-through-config": envThroughConfig },
};
