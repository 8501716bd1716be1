import { describe, expect, it } from "vitest";
import { installsBuildTools, slimmerBase } from "@/lib/analysis/strategies/slimmerBase";
import { DEFAULT_STRATEGY_SETTINGS as settings } from "@/lib/analysis/strategies/types";
import { buildSnapshot, sha } from "@/tests/support/snapshotBuilder";

const id = (name: string) => sha(`image:${name}`);
const toolStep = "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev";

describe("installsBuildTools", () => {
  it.each([
    toolStep,
    "RUN /bin/sh -c apk add --no-cache build-base musl-dev # buildkit",
    "/bin/sh -c yum install -y gcc-c++ make",
    "/bin/sh -c apt-get install -y \\\n    gcc=4:12.2.0-3",
  ])("recognises a toolchain install: %s", (step) => {
    expect(installsBuildTools(step)).toBe(true);
  });

  it.each([
    null,
    "/bin/sh -c apt-get install -y curl ca-certificates",
    "/bin/sh -c pip install make-it-easy",
    "/bin/sh -c #(nop) COPY dir:abc in /src",
    "/bin/sh -c apt-get install -y gcc && make && apt-get purge -y gcc",
    "/bin/sh -c apk add --virtual .build gcc && make && apk del .build",
    "/bin/sh -c go build -o /app 2>/dev/null",
  ])("ignores other steps: %s", (step) => {
    expect(installsBuildTools(step)).toBe(false);
  });
});

describe("slimmerBase", () => {
  it("estimates the unique build-tool layers per image and states the assumption", () => {
    const snapshot = buildSnapshot({
      images: [
        {
          name: "api",
          tags: ["api:1"],
          layers: [
            { diff: "debian", size: 100 },
            { diff: "tools", size: 250, createdBy: toolStep },
            { diff: "api", size: 5 },
          ],
        },
        {
          name: "web",
          tags: ["web:1"],
          layers: [
            { diff: "debian", size: 100 },
            { diff: "web", size: 5 },
          ],
        },
      ],
    });
    const suggestion = slimmerBase(snapshot, settings);
    expect(suggestion).toMatchObject({ strategy: "slimmer_base", bytes: 250, actionable: false, risk: "medium" });
    expect(suggestion.targets).toEqual([{ kind: "image", id: id("api"), name: "api:1", bytes: 250 }]);
    expect(suggestion.assumption).toMatch(/^Estimate/);
    expect(suggestion.assumption).toMatch(/multi-stage build keeps only the final stage/);
  });

  it("leaves out a build-tool layer several images share (a builder base stays for the others)", () => {
    const tools = { diff: "tools", size: 250, createdBy: toolStep };
    const snapshot = buildSnapshot({
      images: [
        { name: "a", layers: [{ diff: "debian", size: 100 }, tools, { diff: "a", size: 1 }] },
        { name: "b", layers: [{ diff: "debian", size: 100 }, tools, { diff: "b", size: 1 }] },
      ],
    });
    expect(slimmerBase(snapshot, settings).targets).toEqual([]);
  });
});
