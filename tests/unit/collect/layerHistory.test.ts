import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { alignHistoryToLayers, chainIdsFromDiffIds, isMetadataStep } from "@/lib/collect/layerHistory";

const step = (CreatedBy: string, Size: number) => ({ Created: 1_700_000_000, CreatedBy, Size, Comment: "" });

describe("chainIdsFromDiffIds", () => {
  it("follows Docker's rule chain(n) = sha256(chain(n-1) + ' ' + diff(n))", () => {
    // Values from a real image (dockerd 20.10): busybox COPY then --install.
    const diff0 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    const diff1 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    const [c0, c1] = chainIdsFromDiffIds([diff0, diff1]);
    expect(c0).toBe(diff0);
    expect(c1).toBe("sha256:" + crypto.createHash("sha256").update(`${diff0} ${diff1}`).digest("hex"));
  });
});

describe("alignHistoryToLayers", () => {
  it("skips classic-builder metadata steps and keeps build steps (history is newest first)", () => {
    const history = [
      step('/bin/sh -c #(nop)  CMD ["sh"]', 0),
      step("/bin/sh -c echo hi > /x", 3),
      step("/bin/sh -c #(nop)  ENV A=1", 0),
      step("/bin/busybox --install -s /bin", 3216),
      step("/bin/sh -c #(nop) COPY file:abc in /bin/busybox ", 1982256),
    ];
    const layers = alignHistoryToLayers(history, 3, 1985475);
    expect(layers.map((l) => [l.sizeBytes, l.createdBy])).toEqual([
      [1982256, "/bin/sh -c #(nop) COPY file:abc in /bin/busybox "],
      [3216, "/bin/busybox --install -s /bin"],
      [3, "/bin/sh -c echo hi > /x"],
    ]);
  });

  it("gives a zero-byte RUN a layer before a zero-byte metadata step (BuildKit style)", () => {
    const history = [step("LABEL team=a", 0), step("RUN /bin/sh -c true # buildkit", 0), step("COPY x / # buildkit", 10)];
    const layers = alignHistoryToLayers(history, 2, 10);
    expect(layers.map((l) => l.createdBy)).toEqual(["COPY x / # buildkit", "RUN /bin/sh -c true # buildkit"]);
  });

  it("keeps the image total exact when history describes fewer layers than there are", () => {
    const layers = alignHistoryToLayers([step("imported", 100)], 3, 160);
    expect(layers.map((l) => l.sizeBytes).reduce((a, b) => a + b, 0)).toBe(160);
    expect(layers[0].sizeBytes).toBe(100);
  });

  it("recognises metadata steps of both builders", () => {
    expect(isMetadataStep("/bin/sh -c #(nop)  ENV PATH=/bin")).toBe(true);
    expect(isMetadataStep('ENTRYPOINT ["/app"]')).toBe(true);
    expect(isMetadataStep("/bin/sh -c #(nop) COPY file:x in / ")).toBe(false);
    expect(isMetadataStep("RUN /bin/sh -c make # buildkit")).toBe(false);
  });
});
