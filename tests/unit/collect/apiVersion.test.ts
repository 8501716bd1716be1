import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { compareApiVersions, negotiateApiVersion, SUPPORTED_API } from "@/lib/collect/apiVersion";
import { PollFailure } from "@/lib/collect/pollFailure";

const recorded = (name: string) => JSON.parse(fs.readFileSync(`tests/fixtures/engines/${name}.version.json`, "utf8"));

describe("Engine API version negotiation", () => {
  it("orders versions numerically", () => {
    expect(compareApiVersions("1.9", "1.41")).toBeLessThan(0);
    expect(compareApiVersions("1.52", "1.52")).toBe(0);
    expect(compareApiVersions("2.0", "1.52")).toBeGreaterThan(0);
  });

  it.each([
    ["docker-20.10-overlay2", "1.41", "1.41"],
    ["docker-26.1-overlay2", "1.45", "1.45"],
    ["docker-28.5-containerd", "1.51", "1.51"],
  ])("speaks the highest version %s offers within Ballast's range", (name, apiVersion, maxApiVersion) => {
    const api = negotiateApiVersion(recorded(name), "test");
    expect(api).toMatchObject({ apiVersion, maxApiVersion });
  });

  it("caps a newer engine at Ballast's newest version (Docker 29: 1.44–1.52, and a future 1.60)", () => {
    expect(negotiateApiVersion({ Version: "29.1.0", ApiVersion: "1.52", MinAPIVersion: "1.44" }, "test").apiVersion).toBe("1.52");
    expect(negotiateApiVersion({ Version: "31.0.0", ApiVersion: "1.60", MinAPIVersion: "1.44" }, "test")).toMatchObject({
      apiVersion: SUPPORTED_API.max,
      maxApiVersion: "1.60",
    });
  });

  it("fails with unsupported_api naming both ranges when they do not overlap", () => {
    const tooOld = () => negotiateApiVersion({ Version: "19.03.15", ApiVersion: "1.40", MinAPIVersion: "1.12" }, "tcp://old:2375");
    expect(tooOld).toThrow(PollFailure);
    expect(tooOld).toThrow(/1\.12–1\.40.*1\.41–1\.52/);
    const tooNew = () => negotiateApiVersion({ Version: "40.0.0", ApiVersion: "1.70", MinAPIVersion: "1.60" }, "x");
    try {
      tooNew();
      expect.unreachable();
    } catch (error) {
      expect((error as PollFailure).code).toBe("unsupported_api");
      expect((error as Error).message).toContain("1.60–1.70");
    }
  });
});
