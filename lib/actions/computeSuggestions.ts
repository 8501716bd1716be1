import "server-only";
import { suggestStrategies } from "@/lib/analysis/strategies";
import type { Suggestion } from "@/lib/analysis/strategies/types";
import { loadHostSnapshot } from "@/lib/store/snapshotReader";
import { currentStrategySettings } from "./strategySettings";

// A good snapshot's cleanup suggestions, computed: the snapshot loaded whole and every strategy run over
// it (~100+ ms of CPU for a 1,251-image host), so it runs in the read worker (lib/worker/readTasks.ts),
// or in process with BALLAST_WORKERS=off. Plain data in and out; storing them is the caller's
// (lib/actions/currentSuggestions.ts), on the request's thread, as before.

export type SuggestionsInput = { snapshotId: string; pricePerGbMonth: number | null };

/** null when retention removed the snapshot meanwhile. */
export async function computeSuggestions({ snapshotId, pricePerGbMonth }: SuggestionsInput): Promise<Suggestion[] | null> {
  // Its own load, not the views' shared copy: the strategies get a snapshot no one else reads.
  const snapshot = await loadHostSnapshot(snapshotId);
  if (!snapshot) return null;
  // Ages are measured at the snapshot's time: the suggestion describes that snapshot, nothing later.
  return suggestStrategies(snapshot, currentStrategySettings(pricePerGbMonth), new Date(snapshot.takenAt));
}
