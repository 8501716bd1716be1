import { FleetOverview } from "@/components/hosts/FleetOverview";

export default function FleetPage() {
  return <FleetOverview />;
}
