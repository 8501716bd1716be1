import { z } from "zod";

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});

/** What `GET /api/auth/session` and a successful login answer. */
export type SessionBody = {
  user: { username: string; role: string; canApprove: boolean; canManageHosts: boolean } | null;
  /** false on an install with no account: then nobody can approve, and host management is open. */
  accountsExist?: boolean;
};
