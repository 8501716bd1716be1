import "server-only";
import { authGeneration, cachedEnabledUsers, keepEnabledUsers, writingAuth } from "./authCache";
import { db } from "./db";

export type UserDto = { id: string; username: string; role: string; disabled: boolean };
export type UserWithHash = UserDto & { passwordHash: string };

const select = { id: true, username: true, role: true, disabled: true, passwordHash: true } as const;

export async function getUserByUsername(username: string): Promise<UserWithHash | null> {
  return db().user.findUnique({ where: { username }, select });
}

/** Creates or updates the admin named by the environment, enabled, with this password hash. */
export async function upsertEnvAdmin(username: string, passwordHash: string): Promise<string> {
  const user = await writingAuth(() =>
    db().user.upsert({
      where: { username },
      create: { username, passwordHash, role: "admin", source: "env" },
      update: { passwordHash, role: "admin", source: "env", disabled: false },
      select: { id: true },
    }),
  );
  return user.id;
}

/** Disables every admin that came from the environment except `keep` (null: all of them). */
export async function disableEnvUsersExcept(keep: string | null): Promise<number> {
  const where = keep === null ? { source: "env" } : { source: "env", username: { not: keep } };
  const users = await db().user.findMany({ where: { ...where, disabled: false }, select: { id: true } });
  await writingAuth(() =>
    db().$transaction([
      db().user.updateMany({ where: { id: { in: users.map((u) => u.id) } }, data: { disabled: true } }),
      db().session.deleteMany({ where: { userId: { in: users.map((u) => u.id) } } }),
    ]),
  );
  return users.length;
}

/** Whether any enabled account exists (host management is open only on an install with none). */
export async function hasEnabledUsers(): Promise<boolean> {
  // Asked by every request (lib/auth/authorize.ts): answered from lib/store/authCache.ts until a user write.
  const cached = cachedEnabledUsers();
  if (cached !== null) return cached;
  const generation = authGeneration();
  const value = (await db().user.count({ where: { disabled: false } })) > 0;
  keepEnabledUsers(generation, value);
  return value;
}

export type UserListItem = UserDto & { source: string; createdAt: string; updatedAt: string };

const listSelect = { id: true, username: true, role: true, disabled: true, source: true, createdAt: true, updatedAt: true } as const;

export async function listUsers(): Promise<UserListItem[]> {
  const rows = await db().user.findMany({ orderBy: { username: "asc" }, select: listSelect });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }));
}

export async function getUserById(id: string): Promise<UserListItem | null> {
  const row = await db().user.findUnique({ where: { id }, select: listSelect });
  return row ? { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() } : null;
}

/** A new enabled account; null when the name is taken. */
export async function createUser(input: { username: string; passwordHash: string; role: string; source: string }): Promise<UserListItem | null> {
  if (await db().user.findUnique({ where: { username: input.username }, select: { id: true } })) return null;
  await writingAuth(() => db().user.create({ data: input }));
  const created = await db().user.findUniqueOrThrow({ where: { username: input.username }, select: { id: true } });
  return getUserById(created.id);
}

/**
 * Changes a user's role, password or enabled state, and ends their sessions in the same transaction
 * whenever one of them changes (a session must never outlive the rights it was opened with).
 */
export async function updateUser(id: string, change: { role?: string; passwordHash?: string; disabled?: boolean }): Promise<UserListItem | null> {
  const found = await db().user.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  await writingAuth(() => db().$transaction([db().user.update({ where: { id }, data: change }), db().session.deleteMany({ where: { userId: id } })]));
  return getUserById(id);
}

/** Enabled admins other than `exceptId`: the last one may not be demoted or disabled. */
export async function countOtherEnabledAdmins(exceptId: string): Promise<number> {
  return db().user.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } });
}
