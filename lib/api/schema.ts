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

/** A Ballast agent's token and certificate fingerprint, as the agent printed them (token write-only). */
export const agentCredentialsSchema = z.object({
  token: z.string().trim().min(16, "the token the agent printed (at least 16 characters)").max(512),
  fingerprint: z.string().trim().min(1).max(200),
});

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, dot, dash or underscore");
const endpointText = z.string().trim().min(1).max(512);
const pollInterval = z
  .number()
  .int()
  .min(10)
  .max(7 * 86400);

export const newHostSchema = z.object({
  name: hostName,
  endpoint: endpointText,
  tls: tlsFilesSchema.nullish(),
  /** For https:// endpoints (a Ballast host agent). */
  agent: agentCredentialsSchema.nullish(),
  pollIntervalSec: pollInterval.optional(),
  pricePerGbMonth: z.number().nonnegative().max(1000).nullish(),
});

/**
 * PATCH /api/hosts/{id}: edit a host — name, endpoint, TLS files (null removes them), interval, price
 * (null = the default), enabled — and/or change an agent host's token (after rotating it) or pinned fingerprint.
 */
export const hostChangeSchema = z
  .object({
    name: hostName.optional(),
    endpoint: endpointText.optional(),
    tls: tlsFilesSchema.nullish(),
    agent: agentCredentialsSchema
      .partial()
      .refine((agent) => agent.token !== undefined || agent.fingerprint !== undefined, "give token or fingerprint")
      .optional(),
    pollIntervalSec: pollInterval.optional(),
    pricePerGbMonth: z.number().nonnegative().max(1000).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), "change at least one field");

/** POST /api/hosts/test: try an endpoint before saving it. */
export const connectionTestSchema = z.object({ endpoint: endpointText, tls: tlsFilesSchema.nullish(), agent: agentCredentialsSchema.nullish() }).strict();
