import fs from "node:fs";
import path from "node:path";
import type { ApiHandler } from "@/lib/api/route";

// Every route handler in app/api, found by walking the folder (a new route cannot be forgotten by
// the route × role and fuzz suites), with a URL for it where each [param] is filled in.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export type ApiRouteCase = { key: string; method: string; template: string; paramNames: string[]; handler: ApiHandler };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

export async function discoverApiRoutes(root = process.cwd()): Promise<ApiRouteCase[]> {
  const apiDir = path.join(root, "app", "api");
  const cases: ApiRouteCase[] = [];
  for (const file of routeFiles(apiDir).sort()) {
    const template = "/api/" + path.relative(apiDir, path.dirname(file)).split(path.sep).join("/");
    const paramNames = [...template.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") cases.push({ key: `${method} ${template}`, method, template, paramNames, handler: mod[method] as ApiHandler });
    }
  }
  return cases;
}

/** The template with each [param] replaced by `value(name)`. */
export function fillTemplate(template: string, value: (name: string) => string): string {
  return template.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(value(name)));
}
