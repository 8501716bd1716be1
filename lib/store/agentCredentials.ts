import "server-only";
import type { AgentCredentials } from "@/lib/collect/endpoint";
import { db } from "./db";
import { openSecret, sealSecret } from "./secretBox";

// The one place an agent host's token is decrypted: right before Ballast connects to the agent.

/** The agent host's token and pinned fingerprint, or null (not an agent host, or the token cannot be opened). */
export async function getAgentCredentials(hostId: string): Promise<AgentCredentials | null> {
  const row = await db().host.findUnique({ where: { id: hostId }, select: { agentFingerprint: true, agentTokenEnc: true } });
  if (!row?.agentFingerprint || !row.agentTokenEnc) return null;
  const token = openSecret(row.agentTokenEnc);
  return token === null ? null : { token, fingerprint: row.agentFingerprint };
}

/** Replaces the stored token and/or fingerprint (after the agent rotated its token or certificate). */
export async function updateAgentCredentials(hostId: string, change: { token?: string; fingerprint?: string }): Promise<void> {
  await db().host.update({
    where: { id: hostId },
    data: {
      ...(change.token !== undefined ? { agentTokenEnc: sealSecret(change.token) } : {}),
      ...(change.fingerprint !== undefined ? { agentFingerprint: change.fingerprint } : {}),
    },
  });
}
