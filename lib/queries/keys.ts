// Query keys built in one place, so invalidation by prefix after a mutation always matches.
export const keys = {
  hosts: () => ["hosts"] as const,
  snapshot: (snapshotId: string) => ["snapshots", snapshotId] as const,
  snapshotImages: (snapshotId: string) => ["snapshots", snapshotId, "images"] as const,
  snapshotLayers: (snapshotId: string) => ["snapshots", snapshotId, "layers"] as const,
};
