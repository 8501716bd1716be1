import { ImageExplorer } from "@/components/explorer/ImageExplorer";

export default async function ImagePage({ params }: { params: Promise<{ hostId: string; imageId: string }> }) {
  const { hostId, imageId } = await params;
  return <ImageExplorer hostId={hostId} imageId={imageId} />;
}
