import { z } from "zod";

// Shared zod pieces spread into routes' schemas.

export const idParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a valid id");

export const tlsFilesSchema = z.object({
  caPath: z.string().min(1),
  certPath: z.string().min(1),
  keyPath: z.string().min(1),
  verify: z.boolean().default(true),
});

export const newHostSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, dot, dash or underscore"),
  endpoint: z.string().trim().min(1).max(512),
  tls: tlsFilesSchema.nullish(),
  pollIntervalSec: z
    .number()
    .int()
    .min(10)
    .max(7 * 86400)
    .optional(),
  pricePerGbMonth: z.number().nonnegative().max(1000).nullish(),
});
