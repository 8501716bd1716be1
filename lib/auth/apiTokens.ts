import "server-only";
import crypto from "node:crypto";
import { createApiTokenRow, findTokenOwner, touchApiToken, type ApiTokenDto } from "@/lib/store/apiTokens";
import { isRole, lesserRole, type Role } from "@/lib/analysis/roles";

// API tokens for scripts: 32 random bytes, shown once, stored as SHA-256 (a token has 256 bits of
// entropy, so a slow hash buys nothing). Sent as `Authorization: Bearer blst_…`.

const PREFIX = "blst_";
const TOUCH_EVERY_MS = 60_000;

export const hashApiToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function issueApiToken(userId: string, name: string, role: Role): Promise<{ token: string; apiToken: ApiTokenDto }> {
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const apiToken = await createApiTokenRow({ userId, name, role, tokenHash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) });
  return { token, apiToken };
}

export type TokenPrincipal = { userId: string; username: string; role: Role; tokenId: string };

/** The principal behind a bearer token, acting with the lesser of the token's and its user's role; null when unusable. */
export async function tokenPrincipal(token: string, now: Date): Promise<TokenPrincipal | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  const owner = await findTokenOwner(hashApiToken(token));
  if (!owner || owner.user.disabled || !isRole(owner.tokenRole) || !isRole(owner.user.role)) return null;
  if (!owner.lastUsedAt || now.getTime() - owner.lastUsedAt.getTime() > TOUCH_EVERY_MS) await touchApiToken(owner.tokenId, now);
  return { userId: owner.user.id, username: owner.user.username, role: lesserRole(owner.tokenRole, owner.user.role), tokenId: owner.tokenId };
}
