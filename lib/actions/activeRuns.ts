import "server-only";
import crypto from "node:crypto";

// This process's identity and the runs it is executing now. Kept on globalThis so every Next.js bundle
// (route handlers, instrumentation) sees the same: a run marked "running" in the database by another
// worker id is a run whose process died, and the reconciler takes it over (issue 8).
const shared = globalThis as unknown as { ballastActiveRuns?: Set<string>; ballastWorkerId?: string };

export const activeRuns: Set<string> = (shared.ballastActiveRuns ??= new Set<string>());
export const workerId: string = (shared.ballastWorkerId ??= `${process.pid}-${crypto.randomUUID()}`);
