import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/analysis/roles";
import { ROLES } from "@/lib/analysis/roles";

const username = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, "use letters, digits, dot, dash, underscore or @");
const password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);
const role = z.enum(ROLES);

export const newUserBody = z.object({ username, password, role });

export const userChangeBody = z
  .object({ role: role.optional(), password: password.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((change) => change.role !== undefined || change.password !== undefined || change.disabled !== undefined, "change role, password or disabled");

export const newTokenBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[^\u0000-\u001f\u007f]+$/, "no control characters"),
    role: role.optional(),
  })
  // Unknown keys are refused, not ignored: a typo must not silently make a token with defaults.
  .strict();
