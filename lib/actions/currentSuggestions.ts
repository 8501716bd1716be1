import "server-only";
import { suggestStrategies } from "@/lib/analysis/strategies";
import { getHost, listHosts, type HostDto } from "@/lib/store/hosts";
import { getLatestGoodSnapshot, loadHostSnapshot } from "@/lib/store/snapshotReader";
import { hasSuggestionsFor, listSuggestionsForSnapshot, saveSuggestions, type SuggestionDto } from "@/lib/store/suggestions";
import { currentStrategySettings } from "./strategySettings";

// Suggestions are computed once per good snapshot and stored, so an approval refers to exactly the list
// the person saw (the dry run is what runs). A newer snapshot recomputes them and supersedes the old.

export async function currentSuggestionsForHost(host: HostDto): Promise<SuggestionDto[]> {
  const latest = await getLatestGoodSnapshot(host.id);
  if (!latest) return [];
  if (await hasSuggestionsFor(latest.id)) return listSuggestionsForSnapshot(latest.id);
  const snapshot = await loadHostSnapshot(latest.id);
  if (!snapshot) return [];
  const settings = currentStrategySettings(host.pricePerGbMonth);
  // Ages are measured at the snapshot's time: the suggestion describes that snapshot, nothing later.
  const suggestions = suggestStrategies(snapshot, settings, new Date(snapshot.takenAt));
  return saveSuggestions(host.id, latest.id, suggestions);
}

/** One host's current suggestions (null: unknown host), or every host's when no id is given. */
export async function currentSuggestions(hostId?: string): Promise<SuggestionDto[] | null> {
  if (hostId) {
    const host = await getHost(hostId);
    return host ? currentSuggestionsForHost(host) : null;
  }
  const hosts = await listHosts();
  return (await Promise.all(hosts.map((host) => currentSuggestionsForHost(host)))).flat();
}
