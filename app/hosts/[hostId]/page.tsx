import { HostExplorer } from "@/components/explorer/HostExplorer";

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const { hostId } = await params;
  return <HostExplorer hostId={hostId} />;
}
