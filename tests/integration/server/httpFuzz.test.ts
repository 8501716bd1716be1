import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../support/freePort";

// The fuzz suite again, over HTTP through the real server (`npm start` = scripts/start.mjs →
// scripts/server.mjs → Next.js), with raw bytes on a socket: what no in-process handler call can send —
// percent-escapes that do not decode, invalid UTF-8 and NUL bytes in the path and query, declared
// lengths far over the cap, chunked bodies over the cap, broken chunking, odd methods, duplicate
// headers. Every route in app/api × every method it has and some it has not × anonymous, viewer,
// approver and admin. No answer may be ≥ 500 (a failed host poll's documented 502/504 aside), every
// 4xx from an API route is {"error":{"code","message"}}, and nothing is stored. No engine: DOCKER_HOST
// names a socket that does not exist, so the host `local` never reaches the system engine.

const ADMIN = { username: "fuzz-admin", password: "fuzz admin password" };

type Answer = { status: number; head: string; body: string };

/** One request written byte for byte on a fresh socket; the answer read until the server closes. */
function raw(port: number, bytes: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const done = () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split < 0 ? text : text.slice(0, split);
      let body = split < 0 ? "" : text.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(head)) body = unchunk(body);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: Buffer.from(body, "latin1").toString("utf8") });
    };
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("close", done);
    socket.on("error", () => undefined);
    // write, not end: a half-closed socket makes Node abort the request before it answers.
    socket.write(bytes);
  });
}

function unchunk(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const line = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, line), 16);
    if (!(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 4 + size);
  }
}

/** The Host header requests carry (the server's own address: the origin check compares it with Origin). */
let host = "127.0.0.1";

const request = (method: string, target: string | Buffer, headers: string[], body: Buffer | string = "") =>
  Buffer.concat([
    Buffer.from(`${method} `),
    Buffer.isBuffer(target) ? target : Buffer.from(target, "latin1"),
    Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join("")}\r\n`, "latin1"),
    Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"),
  ]);

/** Route templates and their methods, read from app/api (no import: this test only speaks HTTP). */
function apiRoutes(): { template: string; methods: string[] }[] {
  const apiDir = path.resolve("app/api");
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : entry.name === "route.ts" ? [full] : [];
    });
  return walk(apiDir)
    .sort()
    .map((file) => ({
      template: "/api/" + path.relative(apiDir, path.dirname(file)).split(path.sep).join("/"),
      methods: [...fs.readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]),
    }));
}

// Path parameters as raw bytes on the wire: escapes that do not decode, overlong and surrogate UTF-8,
// NUL, raw invalid UTF-8, traversal, 5,000 characters.
const IDS: Buffer[] = ["%FF", "%E0%A4%A", "%", "%00", "%C0%AF", "%ED%A0%80", "..%2F..%2Fetc%2Fpasswd", "x".repeat(5000), "%27%20OR%20%271%27%3D%271"].map(
  (text) => Buffer.from(text, "latin1"),
);
IDS.push(Buffer.from([0x61, 0xff, 0xfe, 0x62]), Buffer.from([0x61, 0x00, 0x62]), Buffer.from([0xc3, 0x28]));

const QUERIES: Buffer[] = [
  Buffer.from("?from=%FF&to=%"),
  Buffer.from("?hostId=%00"),
  Buffer.from("?" + "a=1&".repeat(1500)),
  Buffer.from([0x3f, 0x61, 0x3d, 0xff, 0xfe]),
];

const BIG = Buffer.alloc(70 * 1024, 0x61);
const chunked = (body: Buffer) => Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);

/** Bodies with the headers that go with them, for methods that take one. */
const BODIES: { name: string; headers: string[]; body: Buffer | string }[] = [
  { name: "declared 100 GB, nothing sent", headers: ["Content-Type: application/json", "Content-Length: 100000000000"], body: "" },
  { name: "negative length", headers: ["Content-Type: application/json", "Content-Length: -1"], body: "" },
  { name: "two lengths", headers: ["Content-Type: application/json", "Content-Length: 2", "Content-Length: 3"], body: "{}" },
  { name: "chunked over the cap", headers: ["Content-Type: application/json", "Transfer-Encoding: chunked"], body: chunked(BIG) },
  {
    name: "chunked JSON over the cap",
    headers: ["Content-Type: application/json", "Transfer-Encoding: chunked"],
    body: chunked(Buffer.from(`{"name":"${BIG}"}`)),
  },
  { name: "broken chunking", headers: ["Content-Type: application/json", "Transfer-Encoding: chunked"], body: "zz\r\n{}\r\n0\r\n\r\n" },
  { name: "length and chunked", headers: ["Content-Type: application/json", "Content-Length: 5", "Transfer-Encoding: chunked"], body: "2\r\n{}\r\n0\r\n\r\n" },
  {
    name: "invalid UTF-8 JSON",
    headers: ["Content-Type: application/json", "Content-Length: 14"],
    body: Buffer.from([...Buffer.from('{"name":"'), 0xff, 0xfe, 0xc3, ...Buffer.from('"}')]),
  },
  { name: "NUL in JSON", headers: ["Content-Type: application/json", "Content-Length: 13"], body: Buffer.from('{"name":"a\u0000"}', "latin1") },
  { name: "not JSON", headers: ["Content-Type: text/plain", "Content-Length: 3"], body: "abc" },
];

const ODD_METHODS = ["HEAD", "OPTIONS", "TRACE", "PROPFIND", "BREW", "PATCH", "DELETE", "PUT"];

describe("hostile HTTP through the real server", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ballast-httpfuzz-"));
  const databaseFile = path.join(root, "ballast.db");
  let port = 0;
  let server: ChildProcess | null = null;
  const roles: { name: string; headers: string[] }[] = [{ name: "anonymous", headers: [] }];

  async function signIn(username: string, password: string): Promise<string> {
    const body = JSON.stringify({ username, password });
    const answer = await raw(
      port,
      request("POST", "/api/auth/login", ["Content-Type: application/json", `Content-Length: ${body.length}`, `Origin: http://127.0.0.1:${port}`], body),
    );
    expect(answer.status).toBe(200);
    return /\r\nset-cookie: ([^;\r\n]+)/i.exec(answer.head)![1];
  }

  async function startServer(): Promise<void> {
    server = spawn(process.execPath, [path.resolve("scripts/start.mjs")], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${databaseFile}`,
        DOCKER_HOST: `unix://${path.join(root, "no-engine.sock")}`,
        BALLAST_ADMIN_USER: ADMIN.username,
        BALLAST_ADMIN_PASSWORD: ADMIN.password,
        BALLAST_POLLER: "off",
        BALLAST_LISTEN: `127.0.0.1:${port}`,
      },
      stdio: ["ignore", fs.openSync(path.join(root, "server.log"), "a"), fs.openSync(path.join(root, "server.log"), "a")],
    });
    const deadline = Date.now() + 280_000;
    while ((await raw(port, request("GET", "/api/health", []))).status !== 200) {
      if (Date.now() > deadline || server.exitCode !== null)
        throw new Error(`server did not start:\n${fs.readFileSync(path.join(root, "server.log"), "utf8").slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async function stopServer(): Promise<void> {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }

  beforeAll(async () => {
    port = await freePort();
    host = `127.0.0.1:${port}`;
    await startServer();
    const admin = await signIn(ADMIN.username, ADMIN.password);
    const origin = `Origin: http://127.0.0.1:${port}`;
    for (const role of ["viewer", "approver"]) {
      const body = JSON.stringify({ username: `fuzz-${role}`, password: `fuzz ${role} password`, role });
      const made = await raw(
        port,
        request("POST", "/api/users", [`Cookie: ${admin}`, origin, "Content-Type: application/json", `Content-Length: ${body.length}`], body),
      );
      expect(made.status).toBe(201);
      roles.push({ name: role, headers: [`Cookie: ${await signIn(`fuzz-${role}`, `fuzz ${role} password`)}`, origin] });
    }
    roles.push({ name: "admin", headers: [`Cookie: ${admin}`, origin] });
  });

  afterAll(async () => {
    await stopServer();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Rows per table, but the ones sign-ins write (sessions, failure counts) and the audit of those sign-ins. */
  const rowCounts = () => {
    const database = new Database(databaseFile, { readonly: true });
    try {
      const tables = (
        database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`).all() as {
          name: string;
        }[]
      )
        .map((row) => row.name)
        .filter((name) => !["Session", "LoginFailure"].includes(name));
      return Object.fromEntries(tables.map((name) => [name, (database.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
    } finally {
      database.close();
    }
  };

  it("answers every route × method × role × hostile request below 500, in the JSON error shape, storing nothing", async () => {
    const before = rowCounts();
    const bad: string[] = [];
    const seen = new Map<number, number>();
    let requests = 0;
    const check = async (label: string, bytes: Buffer, documented: boolean, api: boolean, method: string) => {
      const answer = await raw(port, bytes);
      requests++;
      seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500 && !(documented && (answer.status === 502 || answer.status === 504)))
        bad.push(`${label}: ${answer.status} ${answer.body.slice(0, 200)}`);
      // A socket closed without an answer is only acceptable for CONNECT (Node hands it to a tunnel handler).
      if (answer.status === 0) bad.push(`${label}: no answer`);
      if (api && answer.status >= 400 && method !== "HEAD") {
        let body: { error?: { code?: unknown; message?: unknown } } | null = null;
        try {
          body = JSON.parse(answer.body);
        } catch {
          body = null;
        }
        if (typeof body?.error?.code !== "string" || typeof body.error.message !== "string")
          bad.push(`${label}: ${answer.status} not the error shape: ${JSON.stringify(answer.body.slice(0, 120))}`);
      }
      if (/prisma|sqlite|invocation|at \w+ \(|node_modules|SELECT |INSERT /i.test(answer.body))
        bad.push(`${label}: internal text: ${answer.body.slice(0, 200)}`);
    };

    for (const route of apiRoutes()) {
      const documented = route.template === "/api/hosts/[hostId]/poll";
      const hasParams = route.template.includes("[");
      const fill = (id: Buffer) => {
        const parts = route.template.split(/\[\w+\]/);
        return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [id, Buffer.from(part)])));
      };
      const plain = fill(Buffer.from("nonexistent0"));
      for (const role of roles) {
        const label = (method: string, what: string) => `${method} ${route.template} as ${role.name} (${what})`;
        for (const method of route.methods) {
          if (hasParams)
            for (const id of IDS)
              await check(
                label(method, `id ${JSON.stringify(id.toString("latin1").slice(0, 20))}`),
                request(method, fill(id), role.headers),
                documented,
                true,
                method,
              );
          for (const query of QUERIES)
            await check(
              label(method, `query ${JSON.stringify(query.toString("latin1").slice(0, 20))}`),
              request(method, Buffer.concat([plain, query]), role.headers),
              documented,
              true,
              method,
            );
          // Duplicate headers: two cookies (one bogus), two tokens, two origins, two content types.
          const duplicates = [
            ["Cookie: ballast_session=forged", "Cookie: ballast_session=other"],
            ["Authorization: Bearer blst_forged", "Authorization: Bearer blst_other"],
            ["Origin: http://evil.example", `Origin: http://127.0.0.1:${port}`],
            ["Content-Type: application/json", "Content-Type: text/plain", "Content-Length: 2"],
            ["Host: evil.example"],
          ];
          for (const extra of duplicates)
            await check(
              label(method, `duplicate ${extra[0]}`),
              request(method, plain, [...role.headers, ...extra], extra.some((h) => h.startsWith("Content-Length")) ? "{}" : ""),
              documented,
              true,
              method,
            );
          if (method !== "GET")
            for (const body of BODIES)
              await check(label(method, body.name), request(method, plain, [...role.headers, ...body.headers], body.body), documented, true, method);
        }
        for (const method of ODD_METHODS.filter((m) => !route.methods.includes(m)))
          await check(label(method, "odd method"), request(method, plain, role.headers), false, true, method);
      }
    }
    // Pages and static files get the same treatment for their paths (they are not API routes: no JSON shape).
    for (const target of ["/hosts/%FF", "/hosts/%E0%A4%A", "/_next/static/%FF", "/%00", "/reports?from=%FF"])
      for (const role of roles) await check(`GET ${target} as ${role.name}`, request("GET", target, role.headers), false, false, "GET");

    // One line per kind of failure (the same one in every role is listed once).
    expect([...new Set(bad.map((line) => line.replace(/ as \w+ /, " as * ")))].slice(0, 60)).toEqual([]);
    expect(rowCounts()).toEqual(before);
    expect(requests).toBeGreaterThan(2000);
    console.log(`[http fuzz] ${requests} raw requests through scripts/server.mjs; answers by status: ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
  });

  it("keeps sign-in limits across a restart: 10 failures, restart, still 429", async () => {
    const attempt = (password: string) => {
      const body = JSON.stringify({ username: "fuzz-viewer", password });
      return raw(
        port,
        request("POST", "/api/auth/login", ["Content-Type: application/json", `Content-Length: ${body.length}`, `Origin: http://${host}`], body),
      );
    };
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    expect((await attempt("fuzz viewer password")).status).toBe(429);
    await stopServer();
    await startServer();
    const after = await attempt("fuzz viewer password");
    expect(after.status).toBe(429);
    expect(after.head).toMatch(/\r\nretry-after: \d+/i);
  });

  it("cuts a 600 MB sign-in body sent without a length off at the cap: 413, and the server's peak RSS barely moves", async () => {
    // The Next.js server is start.mjs's child; its VmHWM is the peak RSS it ever had.
    const serverPid = Number(
      execFileSync("pgrep", ["-P", String(server!.pid)], { encoding: "utf8" })
        .trim()
        .split("\n")[0],
    );
    const peakMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${serverPid}/status`, "utf8"))![1]) / 1024;
    const before = peakMb();
    const { status, sentMb } = await new Promise<{ status: number; sentMb: number }>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
      let sent = 0;
      let answer = "";
      let over = false;
      const finish = () => {
        if (over) return;
        over = true;
        socket.destroy();
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), sentMb: sent });
      };
      socket.on("data", (data) => {
        answer += data.toString("latin1");
        if (answer.includes("\r\n\r\n")) finish();
      });
      socket.on("close", finish);
      socket.on("error", finish);
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nOrigin: http://${host}\r\n\r\n`,
      );
      const pump = () => {
        while (!over && sent < 600) {
          sent++;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
        if (!over) socket.write("0\r\n\r\n");
      };
      pump();
    });
    const grewMb = Math.round(peakMb() - before);
    console.log(`[http fuzz] 600 MB chunked sign-in body: answered ${status} after ${sentMb} MB sent; server peak RSS +${grewMb} MB`);
    expect(status).toBe(413);
    expect(grewMb).toBeLessThan(100);
  });
});
