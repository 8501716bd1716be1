import "server-only";
import { getUserByUsername, type UserDto } from "@/lib/store/users";
import { DUMMY_HASH, verifyPassword } from "./password";

/** The user whose name and password match, or null; an unknown name costs as much time as a known one. */
export async function checkCredentials(username: string, password: string): Promise<UserDto | null> {
  const user = await getUserByUsername(username);
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabled) return null;
  return { id: user.id, username: user.username, role: user.role, disabled: user.disabled };
}
