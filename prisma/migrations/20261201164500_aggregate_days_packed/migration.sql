-- AggregateDay rows now hold a day's report events with their sums (lib/analysis/reportSpans.ts), and
-- finished hours of the day not finished under "hour:<key>". The rows are derived: drop the old ones,
-- the server packs them again at start (backfillAllAggregates) and reports pack what is still missing.
DELETE FROM "AggregateDay";
