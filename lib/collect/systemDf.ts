import { z } from "zod";
import { apiAtLeast } from "./apiVersion";
import type { EngineClient } from "./engine";
import { dfBuildCache, dfContainer, dfImage, dfVolume, systemDfResponse, type SystemDf } from "./engineResponses";
import { PollFailure } from "./pollFailure";

// /system/df in both shapes. Up to API 1.51 it answers LayersSize, Images, Containers, Volumes,
// BuildCache. API 1.52 (Docker 29, moby PR #51235) answers ImageUsage, ContainerUsage, VolumeUsage,
// BuildCacheUsage — each {ActiveCount, TotalCount, Reclaimable, TotalSize, Items} — and fills Items only
// with verbose=1 (then it leaves the legacy fields out). moby's system_routes.go sets the legacy
// LayersSize from ImageUsage.TotalSize, so both shapes map to one SystemDf. Zero counts and empty lists
// are omitted (Go omitempty), hence the defaults.

const usage = <T extends z.ZodType>(item: T) =>
  z.object({
    ActiveCount: z.number().default(0),
    TotalCount: z.number().default(0),
    Reclaimable: z.number().default(0),
    TotalSize: z.number().default(0),
    Items: z.array(item).nullish(),
  });

export const systemDfUsageResponse = z.object({
  ImageUsage: usage(dfImage).nullish(),
  ContainerUsage: usage(dfContainer).nullish(),
  VolumeUsage: usage(dfVolume).nullish(),
  BuildCacheUsage: usage(dfBuildCache).nullish(),
});

/** The query that makes the engine send per-item lists in the shape it speaks at `apiVersion`. */
export function systemDfQuery(apiVersion: string): Record<string, unknown> {
  return apiAtLeast(apiVersion, "1.52") ? { verbose: 1 } : {};
}

/** Either shape → one SystemDf, or the first field that fits neither. */
export function parseSystemDf(body: unknown): { ok: true; df: SystemDf } | { ok: false; message: string } {
  // 1.52 without verbose sends both shapes: the legacy fields then hold the lists.
  if (body && typeof body === "object" && "ImageUsage" in body && !("LayersSize" in body)) {
    const parsed = systemDfUsageResponse.safeParse(body);
    if (!parsed.success) return { ok: false, message: issueText(parsed.error) };
    const { ImageUsage, ContainerUsage, VolumeUsage, BuildCacheUsage } = parsed.data;
    return {
      ok: true,
      df: {
        LayersSize: ImageUsage?.TotalSize ?? 0,
        Images: ImageUsage?.Items ?? [],
        Containers: ContainerUsage?.Items ?? [],
        Volumes: VolumeUsage?.Items ?? [],
        BuildCache: BuildCacheUsage?.Items ?? [],
      },
    };
  }
  const parsed = systemDfResponse.safeParse(body);
  return parsed.success ? { ok: true, df: parsed.data } : { ok: false, message: issueText(parsed.error) };
}

/** GET /system/df at the negotiated version, either shape → SystemDf. Callers hold the engine's df lock (concurrency.ts). */
export async function getSystemDf(client: EngineClient, apiVersion: string, query: Record<string, unknown> = {}): Promise<SystemDf> {
  const parsed = parseSystemDf(await client.request("GET", "/system/df", { ...systemDfQuery(apiVersion), ...query }));
  if (!parsed.ok) throw new PollFailure("invalid_response", `${client.endpoint} answered /system/df in an unexpected shape: ${parsed.message}`);
  return parsed.df;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "answer"}: ${issue.message}` : "invalid";
}
