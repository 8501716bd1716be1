import { z } from "zod";

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});

/** What `GET /api/auth/session` and a successful login answer. */
export type SessionBody = { user: { username: string; role: string; canApprove: boolean } | null };
