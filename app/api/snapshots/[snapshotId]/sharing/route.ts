import { directRoute } from "@/lib/api/directRoutes";
import { cachedSnapshotView } from "@/lib/api/explorerRoute";

export const dynamic = "force-dynamic";

// Pure of the snapshot (lib/api/cacheableViews.ts): built once, off the request loop, shared by every client (issue 14).
export const GET = directRoute("/api/snapshots/[snapshotId]/sharing", cachedSnapshotView("sharing"));
