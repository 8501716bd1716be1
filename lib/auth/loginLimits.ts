import "server-only";
import { retryAfterSec } from "@/lib/analysis/retryAfter";
import { config } from "@/lib/config";
import { addLoginFailures, clearLoginFailures, deleteLoginFailures, recentLoginFailures } from "@/lib/store/loginFailures";

// Failed sign-ins are counted per user name and per client address over 10 minutes, in the database
// (lib/store/loginFailures.ts), so restarting Ballast does not give a guesser a fresh allowance. Over
// either limit the attempt is refused before the password is even checked, until the oldest counted
// failure leaves the window: a stranger can hold a name back for at most that window, never longer
// (refused attempts are not counted). An attempt is counted as a failure when it starts and forgiven
// when the password was right, so parallel guesses cannot all slip in under the limit.

export const LOGIN_WINDOW_MS = 10 * 60_000;

const userKey = (username: string) => username.trim().toLowerCase();

/** A sign-in attempt in progress: its rows, counted as failures until `loginSucceeded`. */
export type LoginAttempt = { ids: number[]; username: string };

async function waitSec(username: string, address: string, now: number, before?: { user: number; address: number }): Promise<number> {
  const { BALLAST_LOGIN_FAILURES_PER_USER: perUser, BALLAST_LOGIN_FAILURES_PER_ADDRESS: perAddress } = config();
  const since = new Date(now - LOGIN_WINDOW_MS);
  const [user, client] = await Promise.all([
    recentLoginFailures("user", userKey(username), since, perUser, before?.user),
    recentLoginFailures("address", address, since, perAddress, before?.address),
  ]);
  const times = (dates: Date[]) => dates.map((date) => date.getTime());
  return Math.max(retryAfterSec(times(user), perUser, LOGIN_WINDOW_MS, now), retryAfterSec(times(client), perAddress, LOGIN_WINDOW_MS, now));
}

/** Starts a sign-in: the attempt to finish, or the seconds to wait (then nothing was counted). */
export async function beginLoginAttempt(username: string, address: string, now: number): Promise<{ attempt: LoginAttempt } | { retryAfterSec: number }> {
  const wait = await waitSec(username, address, now);
  if (wait > 0) return { retryAfterSec: wait };
  const ids = await addLoginFailures(
    [
      { scope: "user", key: userKey(username) },
      { scope: "address", key: address },
    ],
    new Date(now),
    new Date(now - LOGIN_WINDOW_MS),
  );
  // Parallel attempts passed the first check together: only those within the limit, counted in the
  // order they were written, go on to the password check.
  const waitAgain = await waitSec(username, address, now, { user: ids[0], address: ids[1] });
  if (waitAgain > 0) {
    await deleteLoginFailures(ids);
    return { retryAfterSec: waitAgain };
  }
  return { attempt: { ids, username } };
}

/** The password was right: this attempt and the user name's earlier failures are forgotten. */
export async function loginSucceeded(attempt: LoginAttempt): Promise<void> {
  await deleteLoginFailures(attempt.ids);
  await clearLoginFailures("user", userKey(attempt.username));
}
