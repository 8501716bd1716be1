import { FleetOverview } from "@/components/hosts/FleetOverview";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

export default function FleetPage() {
  return <FleetOverview defaultIntervalSec={config().BALLAST_POLL_INTERVAL} />;
}
