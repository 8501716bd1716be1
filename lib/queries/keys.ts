// Query keys built in one place, so invalidation by prefix after a mutation always matches.
export const keys = {
  hosts: () => ["hosts"] as const,
  snapshot: (snapshotId: string) => ["snapshots", snapshotId] as const,
  snapshotImages: (snapshotId: string) => ["snapshots", snapshotId, "images"] as const,
  snapshotLayers: (snapshotId: string) => ["snapshots", snapshotId, "layers"] as const,
  // Host explorer (issue 3)
  host: (hostId: string) => ["hosts", hostId] as const,
  snapshotView: (snapshotId: string, view: string, ...args: (string | number)[]) => ["snapshots", snapshotId, view, ...args] as const,
  snapshotImage: (snapshotId: string, imageId: string) => ["snapshots", snapshotId, "image", imageId] as const,
  // Cost reports and trends (issue 5)
  reports: () => ["reports"] as const,
  costReport: (from: string, to: string, groupBy: string) => ["reports", "cost", from, to, groupBy] as const,
  trend: (hostId: string | null, from: string, to: string) => ["trends", hostId ?? "fleet", from, to] as const,
  // Savings, approvals and audit (issue 4)
  session: () => ["session"] as const,
  suggestions: () => ["suggestions"] as const,
  audit: () => ["audit"] as const,
  // Accounts (issue 13)
  users: () => ["users"] as const,
  tokens: () => ["tokens"] as const,
};
