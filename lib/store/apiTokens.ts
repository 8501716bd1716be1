import "server-only";
import { db } from "./db";

// API tokens, stored by the SHA-256 of the token only (lib/auth/apiTokens.ts makes and hashes them).

export type ApiTokenDto = { id: string; name: string; prefix: string; role: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
export type TokenOwner = {
  tokenId: string;
  tokenRole: string;
  lastUsedAt: Date | null;
  user: { id: string; username: string; role: string; disabled: boolean };
};

const select = { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toDto(row: { id: string; name: string; prefix: string; role: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenDto {
  return { ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null };
}

export async function createApiTokenRow(input: { userId: string; name: string; role: string; tokenHash: string; prefix: string }): Promise<ApiTokenDto> {
  return toDto(await db().apiToken.create({ data: input, select }));
}

/** The user's tokens, newest first (revoked ones too: a list that forgets is no audit). */
export async function listApiTokens(userId: string): Promise<ApiTokenDto[]> {
  const rows = await db().apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select });
  return rows.map(toDto);
}

/** Revokes one of the user's tokens; null when the user has no such token. */
export async function revokeApiToken(userId: string, tokenId: string, now: Date): Promise<ApiTokenDto | null> {
  const found = await db().apiToken.findFirst({ where: { id: tokenId, userId }, select: { id: true, revokedAt: true } });
  if (!found) return null;
  if (found.revokedAt) return toDto(await db().apiToken.findUniqueOrThrow({ where: { id: tokenId }, select }));
  return toDto(await db().apiToken.update({ where: { id: tokenId }, data: { revokedAt: now }, select }));
}

/** The unrevoked token with this hash and its owner, or null. */
export async function findTokenOwner(tokenHash: string): Promise<TokenOwner | null> {
  const row = await db().apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, role: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, username: true, role: true, disabled: true } } },
  });
  if (!row || row.revokedAt) return null;
  return { tokenId: row.id, tokenRole: row.role, lastUsedAt: row.lastUsedAt, user: row.user };
}

export async function touchApiToken(tokenId: string, now: Date): Promise<void> {
  await db().apiToken.updateMany({ where: { id: tokenId }, data: { lastUsedAt: now } });
}
