"use client";
import Link from "next/link";
import { useLogoutMutation, usePermissions, useSessionQuery } from "@/lib/queries/useSessionQuery";

export function AppHeader() {
  const session = useSessionQuery();
  const permissions = usePermissions();
  const logout = useLogoutMutation();
  const user = session.data?.user ?? null;
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Ballast
      </Link>
      <nav aria-label="Main">
        <Link href="/">Fleet</Link>
        <Link href="/hosts">Hosts</Link>
        <Link href="/fleet/shared-layers">Shared layers</Link>
        <Link href="/savings">Savings</Link>
        <Link href="/reports">Reports</Link>
        <Link href="/audit">Audit</Link>
        {permissions.has("manageUsers") && <Link href="/users">Users</Link>}
        {user && <Link href="/account">Account</Link>}
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
