import "server-only";
import { config, type Config } from "@/lib/config";
import { appendAudit } from "@/lib/store/audit";
import { deleteUserSessions } from "@/lib/store/sessions";
import { getSetting, setSetting } from "@/lib/store/settings";
import { disableEnvUsersExcept, getUserByUsername, upsertEnvAdmin } from "@/lib/store/users";
import { hashPassword, verifyPassword } from "./password";

// The first admin comes from BALLAST_ADMIN_USER and BALLAST_ADMIN_PASSWORD, applied at start only
// when those values changed since they were last applied (a scrypt fingerprint in the Setting table):
// a password reset or role change made on the Users page survives restarts. Removing the variables
// disables the admin they made; accounts added on the Users page are never touched here.

import { MIN_PASSWORD_LENGTH } from "@/lib/analysis/roles";
const FINGERPRINT_KEY = "initialAdminFingerprint";

export type InitialAdminResult = "created_or_updated" | "unchanged" | "none" | "invalid";

const fingerprintInput = (username: string, password: string) => `${username}\n${password}`;

export async function ensureInitialAdmin(settings: Pick<Config, "BALLAST_ADMIN_USER" | "BALLAST_ADMIN_PASSWORD"> = config()): Promise<InitialAdminResult> {
  const username = settings.BALLAST_ADMIN_USER?.trim();
  const password = settings.BALLAST_ADMIN_PASSWORD;
  if (!username || !password || password.length < MIN_PASSWORD_LENGTH) {
    if (username && password) console.error(`[ballast] BALLAST_ADMIN_PASSWORD is shorter than ${MIN_PASSWORD_LENGTH} characters: it was not applied`);
    await disableEnvUsersExcept(null);
    await setSetting(FINGERPRINT_KEY, null);
    return username && password ? "invalid" : "none";
  }
  const applied = await getSetting(FINGERPRINT_KEY);
  if (applied && (await verifyPassword(fingerprintInput(username, password), applied)) && (await getUserByUsername(username))) return "unchanged";
  await disableEnvUsersExcept(username);
  const userId = await upsertEnvAdmin(username, await hashPassword(password));
  // A changed password ends every session signed in with the old one.
  await deleteUserSessions(userId);
  await setSetting(FINGERPRINT_KEY, await hashPassword(fingerprintInput(username, password)));
  await appendAudit({ actor: "environment", action: "initial_admin_applied", runId: null, details: { username } });
  return "created_or_updated";
}
