import { snapshotExplorerView } from "@/lib/api/explorerRoute";
import { badRequest, notFound } from "@/lib/api/response";
import { imageDetail } from "@/lib/analysis/imageDetail";

export const dynamic = "force-dynamic";

// The image id in the path is the 64-hex digest, with or without its "sha256:" prefix ("sha256%3A…"
// arrives decoded: Next decodes path segments, so decoding again would throw on a literal "%").
const IMAGE_ID = /^(sha256:)?([0-9a-f]{64})$/;

export const GET = snapshotExplorerView((snapshot, { params }) => {
  const match = IMAGE_ID.exec(params.imageId ?? "");
  if (!match) return badRequest("Not a valid image id (64 hex digits)", "invalid_id");
  const image = imageDetail(snapshot, `sha256:${match[2]}`);
  return image ? { image } : notFound("Image");
});
