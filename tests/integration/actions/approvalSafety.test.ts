import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as session } from "@/app/api/auth/session/route";
import { ensureInitialAdmin } from "@/lib/auth/initialAdmin";
import { ADMIN, startActionEngine, write, type ActionEngine } from "@/tests/support/actionEngine";
import { jsonOf, request } from "@/tests/support/routes";

// What must never happen: removing what became used, running twice, running for someone not signed in
// or from another site, or running a list the person did not see.

describe("approval safety", () => {
  let engine: ActionEngine;
  beforeAll(async () => {
    process.env.BALLAST_UNUSED_IMAGE_DAYS = "0";
    engine = await startActionEngine("safety");
    engine.build("t/race:1", `FROM t/base:1\nRUN ${write("/r.bin", 100)}\n`);
  });
  afterAll(async () => {
    delete process.env.BALLAST_UNUSED_IMAGE_DAYS;
    await engine?.close();
  });

  it("keeps an image a container started from after the suggestion was made", async () => {
    await engine.poll();
    const suggestion = await engine.suggestion("unused_images");
    const race = suggestion.targets.find((t: { name: string }) => t.name === "t/race:1");
    expect(race).toBeDefined();
    engine.docker(["run", "--network", "none", "--name", "late", "t/race:1", "true"]);
    const { status, body } = await engine.approve(suggestion.id);
    expect(status).toBe(200);
    expect(body.run.results.find((r: { id: string }) => r.id === race.id)).toMatchObject({ outcome: "skipped", reason: expect.stringContaining("late") });
    expect(engine.docker(["images", "-q", "t/race:1"])).not.toBe("");
  });

  it("runs a double click once: one run, the other answer is 409 with the same run", async () => {
    for (const round of ["1", "2"]) engine.build("t/twice:1", `FROM t/base:1\nARG R\nRUN echo $R > /r\n`, { args: { R: round } });
    await engine.poll();
    const suggestion = await engine.suggestion("dangling_images");
    const answers = await Promise.all([engine.approve(suggestion.id), engine.approve(suggestion.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const ok = answers.find((a) => a.status === 200)!;
    const replay = await engine.approve(suggestion.id);
    expect(replay.status).toBe(409);
    expect(replay.body.error).toMatchObject({ code: "already_approved", runId: ok.body.run.id });
    const { body } = await jsonOf(await auditRoute(request("/api/audit", { headers: { cookie: engine.cookie } })));
    expect(
      body.entries.filter((e: { action: string; details: { suggestionId: string } }) => e.action === "run_started" && e.details.suggestionId === suggestion.id),
    ).toHaveLength(1);
  });

  it("refuses an approval without a session (401) or from another origin (403)", async () => {
    engine.build("t/gone:1", `FROM t/base:1\nRUN echo a > /a\n`);
    await engine.poll();
    const suggestion = await engine.suggestion("unused_images");
    expect((await engine.approve(suggestion.id, "")).status).toBe(401);
    expect((await engine.approve(suggestion.id, "ballast_session=forged")).status).toBe(401);
    expect((await engine.approve(suggestion.id, engine.cookie, { origin: "https://evil.example" })).status).toBe(403);
    expect((await jsonOf(await auditRoute(request("/api/audit")))).status).toBe(401);
    expect(engine.docker(["images", "-q", "t/gone:1"])).not.toBe("");
  });

  it("refuses a suggestion a newer snapshot superseded because its targets changed (409)", async () => {
    const old = await engine.suggestion("unused_images");
    engine.build("t/newer:1", `FROM t/base:1\nRUN echo n > /n\n`);
    await engine.poll();
    const answer = await engine.approve(old.id);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe("superseded");
    expect(engine.docker(["images", "-q", "t/gone:1"])).not.toBe("");
  });

  it("signs in and out with httpOnly SameSite=Lax cookies, and nobody can sign in without the environment", async () => {
    const wrong = await login(request("/api/auth/login", { method: "POST", body: { ...ADMIN, password: "wrong password" } }));
    expect(wrong.status).toBe(401);
    const ok = await login(request("/api/auth/login", { method: "POST", body: ADMIN }));
    expect(ok.headers.get("set-cookie")).toMatch(/ballast_session=[\w-]{43};.*HttpOnly/i);
    expect(ok.headers.get("set-cookie")).toMatch(/SameSite=lax/i);
    const cookie = (ok.headers.get("set-cookie") ?? "").split(";")[0];
    expect((await jsonOf(await session(request("/api/auth/session", { headers: { cookie } })))).body.user).toMatchObject({
      username: ADMIN.username,
      canApprove: true,
    });
    await logout(request("/api/auth/logout", { method: "POST", headers: { cookie } }));
    expect((await jsonOf(await session(request("/api/auth/session", { headers: { cookie } })))).body.user).toBeNull();

    delete process.env.BALLAST_ADMIN_USER;
    delete process.env.BALLAST_ADMIN_PASSWORD;
    expect(await ensureInitialAdmin()).toBe("none");
    expect((await login(request("/api/auth/login", { method: "POST", body: ADMIN }))).status).toBe(401);
    expect((await jsonOf(await session(request("/api/auth/session", { headers: { cookie: engine.cookie } })))).body.user).toBeNull();
  });
});
