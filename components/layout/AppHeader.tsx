import Link from "next/link";

export function AppHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Ballast
      </Link>
      <nav aria-label="Main">
        <Link href="/">Fleet</Link>
        <Link href="/savings">Savings</Link>
        <Link href="/reports">Reports</Link>
        <Link href="/audit">Audit</Link>
      </nav>
      <span className="unit-note">Sizes in GB = 10⁹ bytes · costs in USD/month</span>
    </header>
  );
}
