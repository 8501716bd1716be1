import "server-only";
import { db } from "./db";

// Failed sign-ins, one row each, kept in SQLite so a restart does not reset the limits
// (lib/auth/loginLimits.ts decides; this module only reads and writes rows). A row is written when an
// attempt starts and deleted again if the password was right, so parallel guesses are counted before
// any of them is checked. Rows older than the window go as new ones come; the table never holds more
// than MAX_ROWS, so a flood from many addresses cannot grow the database without end.

export type LoginScope = "user" | "address";

const MAX_ROWS = 200_000;

/** The times of the newest `take` failures for a key since `since`, newest first; only rows before `beforeId` when given. */
export async function recentLoginFailures(scope: LoginScope, key: string, since: Date, take: number, beforeId?: number): Promise<Date[]> {
  const rows = await db().loginFailure.findMany({
    where: { scope, key, at: { gt: since }, ...(beforeId !== undefined ? { id: { lt: beforeId } } : {}) },
    orderBy: { id: "desc" },
    take,
    select: { at: true },
  });
  return rows.map((row) => row.at);
}

/** Writes one row per scope for this attempt and drops rows older than `expiredBefore`. Returns the new rows' ids. */
export async function addLoginFailures(entries: { scope: LoginScope; key: string }[], at: Date, expiredBefore: Date): Promise<number[]> {
  const ids = await db().$transaction(async (tx) => {
    const made: number[] = [];
    for (const entry of entries) made.push((await tx.loginFailure.create({ data: { ...entry, at }, select: { id: true } })).id);
    await tx.loginFailure.deleteMany({ where: { at: { lte: expiredBefore } } });
    await tx.loginFailure.deleteMany({ where: { id: { lte: made[made.length - 1] - MAX_ROWS } } });
    return made;
  });
  return ids;
}

export async function deleteLoginFailures(ids: number[]): Promise<void> {
  await db().loginFailure.deleteMany({ where: { id: { in: ids } } });
}

/** A successful sign-in forgets that user name's failures. */
export async function clearLoginFailures(scope: LoginScope, key: string): Promise<void> {
  await db().loginFailure.deleteMany({ where: { scope, key } });
}

/** For tests: forget every failure. */
export async function deleteAllLoginFailures(): Promise<void> {
  await db().loginFailure.deleteMany({});
}
