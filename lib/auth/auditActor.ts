import "server-only";
import type { Principal } from "./authorize";

/** Who the audit log names for an action: the user, the token they acted through, or the open install. */
export function auditActor(principal: Principal | null): string {
  if (!principal) return "anonymous (install without accounts)";
  return principal.kind === "token" ? `${principal.username} (API token ${principal.tokenId})` : principal.username;
}
