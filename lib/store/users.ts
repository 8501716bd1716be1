import "server-only";
import { db } from "./db";

export type UserDto = { id: string; username: string; role: string; disabled: boolean };
export type UserWithHash = UserDto & { passwordHash: string };

const select = { id: true, username: true, role: true, disabled: true, passwordHash: true } as const;

export async function getUserByUsername(username: string): Promise<UserWithHash | null> {
  return db().user.findUnique({ where: { username }, select });
}

/** Creates or updates the admin named by the environment, enabled, with this password hash. */
export async function upsertEnvAdmin(username: string, passwordHash: string): Promise<void> {
  await db().user.upsert({
    where: { username },
    create: { username, passwordHash, role: "admin", source: "env" },
    update: { passwordHash, role: "admin", source: "env", disabled: false },
  });
}

/** Disables every admin that came from the environment except `keep` (null: all of them). */
export async function disableEnvUsersExcept(keep: string | null): Promise<number> {
  const where = keep === null ? { source: "env" } : { source: "env", username: { not: keep } };
  const result = await db().user.updateMany({ where: { ...where, disabled: false }, data: { disabled: true } });
  return result.count;
}

/** Whether any enabled account exists (host management is open only on an install with none). */
export async function hasEnabledUsers(): Promise<boolean> {
  return (await db().user.count({ where: { disabled: false } })) > 0;
}
