import { z } from "zod";
import type { Outcome } from "@/lib/analysis/actionChecks";
import type { RunDto } from "@/lib/store/runs";

// Response shapes of the approval API (ARCHITECTURE.md §Public API), kept beside their query schema.

export const suggestionsQuery = z.object({
  hostId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "not a valid id")
    .optional(),
});

export type RunResultBody = { kind: string; id: string; name: string; outcome: Outcome; reason: string | null; bytes: number };
export type RunBody = Omit<RunDto, "results"> & { results: RunResultBody[] };

export function runBody(run: RunDto): RunBody {
  return { ...run, results: run.results.map(({ targetId, ...rest }) => ({ ...rest, id: targetId })) };
}

export type { SuggestionDto as SuggestionBody } from "@/lib/store/suggestions";
export type { AuditEntryDto as AuditEntryBody } from "@/lib/store/audit";
