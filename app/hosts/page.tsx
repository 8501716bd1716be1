import { HostsManager } from "@/components/hosts/HostsManager";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

export default function HostsPage() {
  return <HostsManager defaultIntervalSec={config().BALLAST_POLL_INTERVAL} />;
}
