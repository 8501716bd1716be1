import { SharedLayersView } from "@/components/fleet/SharedLayersView";

export default function SharedLayersPage() {
  return <SharedLayersView />;
}
