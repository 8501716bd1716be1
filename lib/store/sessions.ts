import "server-only";
import { authGeneration, cachedSession, dropSession, keepSession, writingAuth } from "./authCache";
import { db } from "./db";
import type { UserDto } from "./users";

// Sessions are stored by the SHA-256 of their token only (lib/auth/session.ts makes and hashes tokens).
// A session found is kept in lib/store/authCache.ts (every write here and in users.ts forgets it); its
// expiry and its user's enabled state are checked on every request all the same.

export async function createSessionRow(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await writingAuth(() => db().session.create({ data: { tokenHash, userId, expiresAt } }));
}

/** The signed-in user of an unexpired session whose user is still enabled, else null. */
export async function findSessionUser(tokenHash: string, now: Date): Promise<UserDto | null> {
  const cached = cachedSession(tokenHash);
  const generation = authGeneration();
  const row =
    cached ??
    (await db().session.findUnique({
      where: { tokenHash },
      select: { expiresAt: true, user: { select: { id: true, username: true, role: true, disabled: true } } },
    }));
  if (!row) return null;
  if (row.expiresAt <= now) {
    dropSession(tokenHash);
    return null;
  }
  if (!cached) keepSession(generation, tokenHash, { expiresAt: row.expiresAt, user: { ...row.user } });
  if (row.user.disabled) return null;
  return { ...row.user };
}

export async function deleteSession(tokenHash: string): Promise<void> {
  await writingAuth(() => db().session.deleteMany({ where: { tokenHash } }));
}

export async function deleteExpiredSessions(now: Date): Promise<void> {
  await writingAuth(() => db().session.deleteMany({ where: { expiresAt: { lte: now } } }));
}

/** Ends every session of a user (their password, role or enabled state changed). */
export async function deleteUserSessions(userId: string): Promise<number> {
  return (await writingAuth(() => db().session.deleteMany({ where: { userId } }))).count;
}
