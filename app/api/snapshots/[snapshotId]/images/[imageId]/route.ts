import { directRoute } from "@/lib/api/directRoutes";
import { cachedSnapshotView } from "@/lib/api/explorerRoute";
import { badRequest } from "@/lib/api/response";

export const dynamic = "force-dynamic";

// The image id in the path is the 64-hex digest, with or without its "sha256:" prefix ("sha256%3A…"
// arrives decoded: Next decodes path segments, so decoding again would throw on a literal "%").
const IMAGE_ID = /^(sha256:)?([0-9a-f]{64})$/;

// Pure of the snapshot and the image id (lib/api/cacheableViews.ts): built once, off the request loop, shared (issue 14).
export const GET = directRoute(
  "/api/snapshots/[snapshotId]/images/[imageId]",
  cachedSnapshotView("image", {
    queryFromPath: (params) => {
      const match = IMAGE_ID.exec(params.imageId ?? "");
      return match ? { imageId: `sha256:${match[2]}` } : badRequest("Not a valid image id (64 hex digits)", "invalid_id");
    },
  }),
);
