import "server-only";
import type { UserDto } from "./users";

// What every request's access check reads, kept in this process so a request costs no query for it
// (issue 14: the request loop's CPU): a session's user and expiry by token hash, and whether any
// enabled account exists. Exact, not a time-to-live: every write to sessions or users goes through
// lib/store/sessions.ts or users.ts (nothing else writes those tables; the store and read workers never
// do), and each one forgets everything here before and after it writes. A read that started before a
// write is not kept (the generation moved). Expiry is still checked on every request
// (lib/store/sessions.ts). Held on globalThis: one state per process, whichever bundle imports it.

type SessionEntry = { expiresAt: Date; user: UserDto };
type AuthState = { generation: number; sessions: Map<string, SessionEntry>; enabledUsers: boolean | null };

/** Bounded: a flood of sign-ins starts over rather than growing the map. */
const MAX_SESSIONS = 2000;

const globalForAuth = globalThis as unknown as { ballastAuthCache?: AuthState };
const state = (): AuthState => (globalForAuth.ballastAuthCache ??= { generation: 0, sessions: new Map(), enabledUsers: null });

/** Every cached session, user and the "any enabled account" answer forgotten (called around each write). */
export function forgetAuth(): void {
  const s = state();
  s.generation += 1;
  s.sessions.clear();
  s.enabledUsers = null;
}

/** The generation a read starts at: what it found is kept only if no write happened meanwhile. */
export const authGeneration = (): number => state().generation;

export const cachedSession = (tokenHash: string): SessionEntry | undefined => state().sessions.get(tokenHash);

export function keepSession(generation: number, tokenHash: string, entry: SessionEntry): void {
  const s = state();
  if (s.generation !== generation) return;
  if (s.sessions.size >= MAX_SESSIONS) s.sessions.clear();
  s.sessions.set(tokenHash, entry);
}

export function dropSession(tokenHash: string): void {
  state().sessions.delete(tokenHash);
}

export const cachedEnabledUsers = (): boolean | null => state().enabledUsers;

export function keepEnabledUsers(generation: number, value: boolean): void {
  const s = state();
  if (s.generation === generation) s.enabledUsers = value;
}

/** Runs a write to sessions or users with the cache forgotten before it starts and after it ends (or fails). */
export async function writingAuth<T>(write: () => Promise<T>): Promise<T> {
  forgetAuth();
  try {
    return await write();
  } finally {
    forgetAuth();
  }
}
