import "server-only";
import { appendAudit } from "@/lib/store/audit";
import { countOtherEnabledAdmins, createUser, getUserById, updateUser, type UserListItem } from "@/lib/store/users";
import { hashPassword } from "./password";
import type { Role } from "@/lib/analysis/roles";

// The Users page's actions. Each is an audit entry; a change of role, password or enabled state ends
// the user's sessions (lib/store/users.ts updateUser); the last enabled admin cannot be demoted or
// disabled (an install whose accounts are all gone is open to anyone who reaches it).

export type UserChange = { role?: Role; password?: string; disabled?: boolean };
export type UserChangeOutcome = { kind: "ok"; user: UserListItem } | { kind: "not_found" } | { kind: "last_admin" };

export async function addUser(actor: string, input: { username: string; password: string; role: Role }): Promise<UserListItem | null> {
  const user = await createUser({ username: input.username, passwordHash: await hashPassword(input.password), role: input.role, source: "users_page" });
  if (user) await appendAudit({ actor, action: "user_added", runId: null, details: { userId: user.id, username: user.username, role: user.role } });
  return user;
}

export async function changeUser(actor: string, id: string, change: UserChange): Promise<UserChangeOutcome> {
  const before = await getUserById(id);
  if (!before) return { kind: "not_found" };
  const losesAdmin = before.role === "admin" && !before.disabled && ((change.role !== undefined && change.role !== "admin") || change.disabled === true);
  if (losesAdmin && (await countOtherEnabledAdmins(id)) === 0) return { kind: "last_admin" };
  const user = await updateUser(id, {
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
    ...(change.password !== undefined ? { passwordHash: await hashPassword(change.password) } : {}),
  });
  if (!user) return { kind: "not_found" };
  const details = {
    userId: id,
    username: user.username,
    ...(change.role !== undefined ? { role: { from: before.role, to: user.role } } : {}),
    ...(change.disabled !== undefined ? { disabled: { from: before.disabled, to: user.disabled } } : {}),
    ...(change.password !== undefined ? { passwordReset: true } : {}),
    sessionsEnded: true,
  };
  await appendAudit({ actor, action: "user_changed", runId: null, details });
  return { kind: "ok", user };
}
