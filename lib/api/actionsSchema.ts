import { z } from "zod";

// The approval API's query schema.

export const suggestionsQuery = z.object({
  hostId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "not a valid id")
    .optional(),
});

// The approval API's response types live with the others in ./types.ts (mapped in ./publicBodies.ts).
export type { AuditEntryBody, RunBody, RunResultBody, SuggestionBody } from "./types";
