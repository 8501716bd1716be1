"use client";
import Link from "next/link";
import { useLogoutMutation, usePermissions, useSessionQuery } from "@/lib/queries/useSessionQuery";

// prefetch={false}: every page is a client component that fetches its own data, so a prefetched route
// saves a click almost nothing, while prefetching all of them made each page load ask the server for
// eight RSC payloads, twice (before and after the session is known), ahead of the page's own API
// calls: on a busy server the host page's treemap waited behind them (issue 14).
export function AppHeader() {
  const session = useSessionQuery();
  const permissions = usePermissions();
  const logout = useLogoutMutation();
  const user = session.data?.user ?? null;
  return (
    <header className="app-header">
      <Link prefetch={false} href="/" className="brand">
        Ballast
      </Link>
      <nav aria-label="Main">
        <Link prefetch={false} href="/">
          Fleet
        </Link>
        <Link prefetch={false} href="/hosts">
          Hosts
        </Link>
        <Link prefetch={false} href="/fleet/shared-layers">
          Shared layers
        </Link>
        <Link prefetch={false} href="/savings">
          Savings
        </Link>
        <Link prefetch={false} href="/reports">
          Reports
        </Link>
        <Link prefetch={false} href="/audit">
          Audit
        </Link>
        {permissions.has("manageUsers") && (
          <Link prefetch={false} href="/users">
            Users
          </Link>
        )}
        {user && (
          <Link prefetch={false} href="/account">
            Account
          </Link>
        )}
      </nav>
      <span className="unit-note">Sizes in GB = 10⁹ bytes · costs in USD/month</span>
      {user && (
        <span className="meta" aria-label="Signed in">
          {user.username} ({user.role}) ·{" "}
          <button type="button" className="secondary" onClick={() => logout.mutate()}>
            Sign out
          </button>
        </span>
      )}
    </header>
  );
}
