import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/analysis/roles";
import { db } from "@/lib/store/db";
import { resetLimits } from "@/lib/auth/limits";
import { deleteAllLoginFailures } from "@/lib/store/loginFailures";
import { createUser } from "@/lib/store/users";
import { discoverApiRoutes, fillTemplate, type ApiRouteCase } from "@/tests/support/apiRoutes";
import { params, request } from "@/tests/support/routes";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Hostile input at every route × method × role: malformed JSON, wrong types, oversized and empty
// bodies, odd ids (traversal, NUL, 5,000 characters, escapes that do not decode), injection strings
// and odd query values. Nothing may answer ≥ 500 (a failed host poll's documented 502/504 aside),
// every error is {"error":{"code","message"}} without internal text, and nothing is stored.

const INJECTIONS = ["' OR '1'='1", '"; DROP TABLE "Host"; --', "<script>alert(1)</script>", "${7*7}", "{{7*7}}", "$(id)", "`id`", "\u202e", "%00"];
const IDS = ["../../etc/passwd", "..%2F..%2Fetc", "a\u0000b", "x".repeat(5000), "%FF", "%E0%A4%A", "%", "\uFFFD", "sha256:" + "z".repeat(64), ...INJECTIONS];
const BODIES: (string | undefined)[] = [
  undefined,
  "",
  "{",
  "null",
  "[]",
  '"text"',
  "12",
  "true",
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  JSON.stringify({ name: 12, endpoint: [], username: {}, password: null, role: "root", pricePerGbMonth: "cheap", disabled: "yes" }),
  JSON.stringify({ name: INJECTIONS[1], endpoint: "tcp://127.0.0.1:1/x'--", tls: { caPath: "/etc/shadow", certPath: 1, keyPath: [] } }),
  JSON.stringify({ username: "x".repeat(200), password: "", role: "admin\u0000" }),
  JSON.stringify({ pricePerGbMonth: -1 }),
  JSON.stringify({ pricePerGbMonth: 1e308 }),
  JSON.stringify({ role: INJECTIONS[0], password: 5 }),
  JSON.stringify({ name: "\u0000", role: "superuser" }),
  "{".repeat(5000) + "}".repeat(5000),
  "x".repeat(70 * 1024),
  JSON.stringify({ padding: "a".repeat(70 * 1024) }),
  "\uFFFE\uD800",
];
const QUERIES = [
  "",
  "?from=%FF&to=%",
  "?from=2026-13-45&to=yesterday",
  "?groupBy=label:&hostId=../x",
  "?groupBy=label:" + "k".repeat(5000),
  "?topN=-1&sortBy=__proto__",
  "?focus=" + encodeURIComponent(INJECTIONS[1]),
  "?hostId=" + "x".repeat(5000),
  "?from[]=1&from[]=2",
  "?" + "a=1&".repeat(2000),
];

const PASSWORD = "fuzz-test-password";
const TABLES = ["host", "snapshot", "user", "session", "apiToken", "suggestion", "actionRun", "auditEntry", "setting", "image", "layer"] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const client = db() as unknown as Record<string, { count: () => Promise<number> }>;
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await client[t].count()] as const)));
}

describe("hostile input never reaches a 5xx and stores nothing", () => {
  let cleanup: () => Promise<void>;
  let routes: ApiRouteCase[];
  const callers: { name: string; headers: Record<string, string> }[] = [{ name: "anonymous", headers: {} }];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    routes = (await discoverApiRoutes()).filter((r) => r.key !== "POST /api/auth/logout");
    for (const role of ROLES) {
      await createUser({ username: `fuzz-${role}`, passwordHash: await hashPassword(PASSWORD), role, source: "users_page" });
      const signedIn = await login(request("/api/auth/login", { method: "POST", body: { username: `fuzz-${role}`, password: PASSWORD } }));
      callers.push({ name: role, headers: { cookie: signedIn.headers.get("set-cookie")!.split(";")[0] } });
    }
  });
  afterAll(async () => cleanup());

  it("every route × method × role × hostile input answers < 500 with the JSON error shape", async () => {
    const before = await rowCounts();
    const bad: string[] = [];
    let requests = 0;
    for (const route of routes) {
      for (const caller of callers) {
        const cases: { url: string; id: string; body: string | undefined }[] = [];
        for (const id of route.paramNames.length ? IDS : ["-"]) cases.push({ url: fillTemplate(route.template, () => id), id, body: undefined });
        for (const query of QUERIES) cases.push({ url: fillTemplate(route.template, () => "nonexistent0") + query, id: "nonexistent0", body: undefined });
        if (route.method !== "GET")
          for (const body of BODIES) cases.push({ url: fillTemplate(route.template, () => "nonexistent0"), id: "nonexistent0", body });
        for (const c of cases) {
          resetLimits();
          await deleteAllLoginFailures();
          requests++;
          const headers = { ...caller.headers, ...(c.body !== undefined ? { "content-type": "application/json" } : {}) };
          const response = await route.handler(
            request(c.url, { method: route.method, body: c.body, headers }),
            params(Object.fromEntries(route.paramNames.map((name) => [name, c.id]))),
          );
          const text = await response.text();
          const label = `${route.key} as ${caller.name} ${JSON.stringify(c).slice(0, 120)}`;
          const documented = route.key === "POST /api/hosts/[hostId]/poll" && (response.status === 502 || response.status === 504);
          if (response.status >= 500 && !documented) bad.push(`${label}: ${response.status} ${text.slice(0, 200)}`);
          if (response.status >= 400) {
            let body: { error?: { code?: unknown; message?: unknown } } | null = null;
            try {
              body = JSON.parse(text);
            } catch {
              body = null;
            }
            if (typeof body?.error?.code !== "string" || typeof body.error.message !== "string")
              bad.push(`${label}: not the error shape: ${text.slice(0, 200)}`);
            if (/prisma|sqlite|invocation|at \w+ \(|node_modules|SELECT |INSERT /i.test(text)) bad.push(`${label}: internal text: ${text.slice(0, 200)}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
    const after = await rowCounts();
    // Sign-ins above made the sessions; nothing the fuzzer sent stored anything.
    expect(after).toEqual(before);
    expect(requests).toBeGreaterThan(3000);
    console.log(`[fuzz] ${requests} hostile requests, 0 answers ≥ 500`);
  });
});
