import { monthOf } from "@/lib/analysis/reportPeriods";
import { ReportsView } from "@/components/reports/ReportsView";

// Rendered per request so the default month is today's (UTC), not the month the app was built in.
export const dynamic = "force-dynamic";

export default function ReportsPage() {
  return <ReportsView initialMonth={monthOf(new Date())} />;
}
