import { layerUsage } from "@/lib/analysis/imageAccounting";
import type { HostSnapshot, Layer } from "@/lib/collect/schema";
import { count, makeSuggestion, sortTargets, sumBytes, type StrategySettings, type Suggestion } from "./types";

// Advice: images that carry their build toolchain. A multi-stage build copies only the result into the
// final stage, so the layer that installed compilers and -dev packages is left behind. We only see
// Dockerfile steps (history CreatedBy), not files, so this is an estimate and says so.

const INSTALL = /\b(?:apt-get|apt|apk|yum|dnf|microdnf|zypper)\b.*?\b(?:install|add)\b(.*)$/;
const UNINSTALL = /\b(?:apt-get|apt|yum|dnf|microdnf|zypper)\s+(?:-\S+\s+)*(?:purge|remove|autoremove)\b|\bapk\s+(?:-\S+\s+)*del\b/;
const BUILD_TOOL =
  /(?:^|\s)(?:build-essential|build-base|gcc|g\+\+|clang|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|golang|rustc|cargo|maven|gradle|[a-z0-9][a-z0-9.+-]*-(?:dev|devel))(?=[\s=~<>]|$)/;

/** True when the step installs a toolchain and does not remove packages again in the same step. */
export function installsBuildTools(createdBy: string | null): boolean {
  if (createdBy === null) return false;
  const command = createdBy.replace(/\\\s*\n/g, " ").replace(/\s+/g, " ");
  if (UNINSTALL.test(command)) return false;
  return command.split(/&&|\|\||;|\|/).some((segment) => {
    const packages = INSTALL.exec(segment)?.[1];
    return packages !== undefined && BUILD_TOOL.test(packages);
  });
}

/** Build-tool layers used by exactly one counted image, grouped by that image. */
function uniqueToolLayers(snapshot: HostSnapshot): Map<string, Layer[]> {
  const byImage = new Map<string, Layer[]>();
  for (const { layer, imageIds } of layerUsage(snapshot).values()) {
    if (imageIds.length !== 1 || layer.sizeBytes === 0 || !installsBuildTools(layer.createdBy)) continue;
    byImage.set(imageIds[0], [...(byImage.get(imageIds[0]) ?? []), layer]);
  }
  return byImage;
}

export function slimmerBase(snapshot: HostSnapshot, settings: StrategySettings): Suggestion {
  const names = new Map(snapshot.images.map((image) => [image.id, image.tags.join(", ") || image.id]));
  const byImage = uniqueToolLayers(snapshot);
  const targets = sortTargets(
    [...byImage].map(([imageId, layers]) => ({
      kind: "image" as const,
      id: imageId,
      name: names.get(imageId) ?? imageId,
      bytes: layers.reduce((sum, layer) => sum + layer.sizeBytes, 0),
    })),
  );
  return makeSuggestion(
    {
      strategy: "slimmer_base",
      title: "Leave build tools out with multi-stage builds",
      reason: `A multi-stage build would leave the layers that installed compilers or -dev packages in ${count(targets.length, "image")} behind in a build stage.`,
      targets,
      bytes: sumBytes(targets),
      risk: "medium",
      actionable: false,
      assumption:
        "Estimate, not a measurement: the bytes of layers only this image uses whose step installs build tools (build-essential, gcc, make, *-dev, …), assuming a multi-stage build keeps only the final stage; runtime packages installed in the same step are still needed there, so the real saving is lower.",
    },
    settings,
  );
}
