import "server-only";
import { limits } from "./limits";

// Failed sign-ins are counted per user name and per client address over 10 minutes. Over either
// limit the attempt is refused before the password is even checked, until the oldest failure leaves
// the window: a stranger can hold a name back for at most that window, never longer.

const userKey = (username: string) => username.trim().toLowerCase();

/** Seconds to wait before this sign-in may be tried (0: go ahead). */
export function loginRetryAfterSec(username: string, address: string, now: number): number {
  const { loginPerUser, loginPerAddress } = limits();
  return Math.max(loginPerUser.retryAfterSec(userKey(username), now), loginPerAddress.retryAfterSec(address, now));
}

export function recordLoginFailure(username: string, address: string, now: number): void {
  const { loginPerUser, loginPerAddress } = limits();
  loginPerUser.record(userKey(username), now);
  loginPerAddress.record(address, now);
}

export function recordLoginSuccess(username: string): void {
  limits().loginPerUser.clear(userKey(username));
}
