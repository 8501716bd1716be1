import { HostsManager } from "@/components/hosts/HostsManager";
import { RetentionNote } from "@/components/hosts/RetentionNote";
import { config } from "@/lib/config";
import { getRetentionNote } from "@/lib/store/retentionStatus";

export const dynamic = "force-dynamic";

export default async function HostsPage() {
  const settings = config();
  const note = await getRetentionNote();
  return (
    <>
      <HostsManager defaultIntervalSec={settings.BALLAST_POLL_INTERVAL} />
      <RetentionNote
        note={note}
        policy={{ keepFullDays: settings.BALLAST_KEEP_FULL_DAYS, keepHourlyDays: settings.BALLAST_KEEP_HOURLY_DAYS }}
        enabled={settings.BALLAST_RETENTION === "on"}
      />
    </>
  );
}
