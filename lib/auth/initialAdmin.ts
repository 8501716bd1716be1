import "server-only";
import { config, type Config } from "@/lib/config";
import { disableEnvUsersExcept, getUserByUsername, upsertEnvAdmin } from "@/lib/store/users";
import { hashPassword, verifyPassword } from "./password";

// The only way to get an account: BALLAST_ADMIN_USER and BALLAST_ADMIN_PASSWORD at start. Without
// them nobody can approve: an admin created by an earlier start is disabled again. Idempotent.

const MIN_PASSWORD_LENGTH = 8;

export type InitialAdminResult = "created_or_updated" | "unchanged" | "none" | "invalid";

export async function ensureInitialAdmin(settings: Pick<Config, "BALLAST_ADMIN_USER" | "BALLAST_ADMIN_PASSWORD"> = config()): Promise<InitialAdminResult> {
  const username = settings.BALLAST_ADMIN_USER?.trim();
  const password = settings.BALLAST_ADMIN_PASSWORD;
  if (!username || !password) {
    await disableEnvUsersExcept(null);
    return "none";
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    await disableEnvUsersExcept(null);
    console.error(`[ballast] BALLAST_ADMIN_PASSWORD is shorter than ${MIN_PASSWORD_LENGTH} characters: nobody can sign in`);
    return "invalid";
  }
  await disableEnvUsersExcept(username);
  const existing = await getUserByUsername(username);
  if (existing && !existing.disabled && (await verifyPassword(password, existing.passwordHash))) return "unchanged";
  await upsertEnvAdmin(username, await hashPassword(password));
  return "created_or_updated";
}
