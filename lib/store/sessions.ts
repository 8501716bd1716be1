import "server-only";
import { db } from "./db";
import type { UserDto } from "./users";

// Sessions are stored by the SHA-256 of their token only (lib/auth/session.ts makes and hashes tokens).

export async function createSessionRow(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db().session.create({ data: { tokenHash, userId, expiresAt } });
}

/** The signed-in user of an unexpired session whose user is still enabled, else null. */
export async function findSessionUser(tokenHash: string, now: Date): Promise<UserDto | null> {
  const row = await db().session.findUnique({
    where: { tokenHash },
    select: { expiresAt: true, user: { select: { id: true, username: true, role: true, disabled: true } } },
  });
  if (!row || row.expiresAt <= now || row.user.disabled) return null;
  return row.user;
}

export async function deleteSession(tokenHash: string): Promise<void> {
  await db().session.deleteMany({ where: { tokenHash } });
}

export async function deleteExpiredSessions(now: Date): Promise<void> {
  await db().session.deleteMany({ where: { expiresAt: { lte: now } } });
}

/** Ends every session of a user (their password, role or enabled state changed). */
export async function deleteUserSessions(userId: string): Promise<number> {
  return (await db().session.deleteMany({ where: { userId } })).count;
}
