import "server-only";
import { getUserByUsername } from "@/lib/store/users";
import { DUMMY_HASH, verifyPassword } from "./password";
import { isRole, type Role } from "@/lib/analysis/roles";

/** The user whose name and password match, or null; an unknown name costs as much time as a known one. */
export async function checkCredentials(username: string, password: string): Promise<{ id: string; username: string; role: Role } | null> {
  const user = await getUserByUsername(username);
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, username: user.username, role: user.role };
}
