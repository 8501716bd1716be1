import "server-only";
import { getHost, listHosts, type HostDto } from "@/lib/store/hosts";
import { getLatestGoodSnapshot } from "@/lib/store/snapshotReader";
import { hasSuggestionsFor, listSuggestionsForSnapshot, saveSuggestions, type SuggestionDto } from "@/lib/store/suggestions";
import { runReadTask } from "@/lib/worker/readWorker";
import { workersEnabled } from "@/lib/worker/storeWorker";
import { computeSuggestions, type SuggestionsInput } from "./computeSuggestions";

// Suggestions are computed once per good snapshot and stored, so an approval refers to exactly the list
// the person saw (the dry run is what runs). A newer snapshot recomputes them and supersedes the old.

export async function currentSuggestionsForHost(host: HostDto): Promise<SuggestionDto[]> {
  const latest = await getLatestGoodSnapshot(host.id);
  if (!latest) return [];
  if (await hasSuggestionsFor(latest.id)) return listSuggestionsForSnapshot(latest.id);
  // Computed off the request loop (the snapshot loaded whole, every strategy run), stored here.
  const input: SuggestionsInput = { snapshotId: latest.id, pricePerGbMonth: host.pricePerGbMonth };
  const suggestions = workersEnabled() ? await runReadTask("suggestions", input) : await computeSuggestions(input);
  if (!suggestions) return [];
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
