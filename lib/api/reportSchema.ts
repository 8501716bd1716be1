import { z } from "zod";
import type { GroupBy } from "@/lib/analysis/attribution";
import { idParam } from "./schema";

// Query schemas of the report and trend routes: a time range as ISO 8601 dates or times (from
// inclusive, to exclusive; a date means 00:00 UTC) and a group-by (a fixed word or label:KEY).

const MAX_RANGE_DAYS = 400;

/** "2026-02-01" (00:00 UTC) or "2026-02-01T12:00:00Z" / with an offset. */
const isoInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "expected an ISO 8601 date or date-time" })
  .transform((text) => new Date(text.length === 10 ? `${text}T00:00:00.000Z` : text));

/** Label keys as Docker and Compose write them: letters, digits, dot, dash, underscore, slash. */
export const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,127}$/;

export const GROUP_BY_WORDS = ["host", "image", "repository", "container", "volume", "project", "category"] as const;

const groupByParam = z.string().transform((text, ctx): GroupBy => {
  if ((GROUP_BY_WORDS as readonly string[]).includes(text)) return text as (typeof GROUP_BY_WORDS)[number];
  const key = text.startsWith("label:") ? text.slice("label:".length) : null;
  if (key !== null && LABEL_KEY.test(key)) return { label: key };
  ctx.addIssue({ code: "custom", message: `use ${GROUP_BY_WORDS.join(", ")} or label:KEY (KEY: letters, digits, . _ / -)` });
  return z.NEVER;
});

function checkRange(range: { from: Date; to: Date }, ctx: z.RefinementCtx) {
  const days = (range.to.getTime() - range.from.getTime()) / 86_400_000;
  if (!(days > 0)) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `a range spans at most ${MAX_RANGE_DAYS} days` });
}

export const rangeQuery = z.object({ from: isoInstant, to: isoInstant });

export const costReportQuery = rangeQuery.extend({ groupBy: groupByParam.default("host") }).superRefine(checkRange);

export const trendsQuery = rangeQuery.extend({ hostId: idParam.optional() }).superRefine(checkRange);

/** The group-by as the API spells it, for echoing back. */
export function groupByText(groupBy: GroupBy): string {
  return typeof groupBy === "object" ? `label:${groupBy.label}` : groupBy;
}

export const hostSettingsBody = z.object({ pricePerGbMonth: z.number().nonnegative().max(1000).nullable() }).strict();
