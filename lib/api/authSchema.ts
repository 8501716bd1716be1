import { z } from "zod";
import type { Permission, Role } from "@/lib/analysis/roles";

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});

/** What `GET /api/auth/session` and a successful login answer. */
export type SessionBody = {
  user: { username: string; role: Role; canApprove: boolean; canManageHosts: boolean; permissions: Permission[] } | null;
  /** false on an install with no account: then nobody can approve, and host management is open. */
  accountsExist?: boolean;
  /** What the person asking may do right now (signed in or not): the UI hides what they may not. */
  permissions?: Permission[];
  /** BALLAST_ANONYMOUS_VIEW=true: people who are not signed in may read. */
  anonymousView?: boolean;
};
