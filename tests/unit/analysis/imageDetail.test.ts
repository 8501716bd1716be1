import { describe, expect, it } from "vitest";
import { imageDetail, readableCreatedBy } from "@/lib/analysis/imageDetail";
import { buildSnapshot, hex64, sha } from "@/tests/support/snapshotBuilder";

const image = (name: string) => sha(`image:${name}`);

describe("readableCreatedBy", () => {
  it("strips the classic builder's #(nop) prefix from metadata steps", () => {
    expect(readableCreatedBy("/bin/sh -c #(nop) COPY file:3a1b in /bin/busybox ")).toBe("COPY file:3a1b in /bin/busybox");
    expect(readableCreatedBy('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
  });

  it("turns shell steps into RUN, with or without build args", () => {
    expect(readableCreatedBy("/bin/sh -c apt-get update && apt-get install -y curl")).toBe("RUN apt-get update && apt-get install -y curl");
    expect(readableCreatedBy("|2 VERSION=1.2 MODE=prod /bin/sh -c make build")).toBe("RUN make build");
  });

  it("drops BuildKit's trailing marker and its doubled RUN", () => {
    expect(readableCreatedBy("RUN /bin/sh -c apk add --no-cache curl # buildkit")).toBe("RUN apk add --no-cache curl");
    expect(readableCreatedBy("COPY busybox /bin/busybox # buildkit")).toBe("COPY busybox /bin/busybox");
  });

  it("leaves exec-form steps and missing history alone", () => {
    expect(readableCreatedBy("/bin/busybox --install -s /bin")).toBe("/bin/busybox --install -s /bin");
    expect(readableCreatedBy(null)).toBeNull();
  });
});

describe("imageDetail", () => {
  const snapshot = buildSnapshot({
    images: [
      {
        name: "web",
        tags: ["web:1", "web:latest"],
        containers: 1,
        layers: [
          { diff: "base", size: 100, createdBy: "/bin/sh -c #(nop) ADD file:abc in / " },
          { diff: "deps", size: 40, createdBy: "RUN /bin/sh -c npm ci # buildkit" },
          { diff: "web", size: 5, createdBy: "COPY . /app # buildkit" },
        ],
      },
      {
        name: "api",
        tags: ["api:1"],
        layers: [
          { diff: "base", size: 100 },
          { diff: "deps", size: 40 },
        ],
      },
      { name: "old", tags: [], layers: [{ diff: "base", size: 100 }] },
      { name: "mid", tags: [], intermediate: true, layers: [{ diff: "base", size: 100 }] },
    ],
    containers: [
      { name: "web-1", imageId: sha("image:web") },
      { name: "api-1", imageId: sha("image:api") },
    ],
  });

  it("lists the layers in order with readable steps and the other images sharing each", () => {
    const detail = imageDetail(snapshot, image("web"))!;
    expect(detail.layers.map((layer) => [layer.index, layer.sizeBytes, layer.step])).toEqual([
      [0, 100, "ADD file:abc in /"],
      [1, 40, "RUN npm ci"],
      [2, 5, "COPY . /app"],
    ]);
    expect(detail.layers[0].sharedWith.map((ref) => ref.id).sort()).toEqual([image("api"), image("old")].sort());
    expect(detail.layers[1].sharedWith).toEqual([{ id: image("api"), name: "api:1" }]);
    expect(detail.layers[2].sharedWith).toEqual([]);
    expect(detail.layers[0].chainId).toBe(snapshot.images[0].chain[0]);
    expect(detail.layers[0].diffId).toBe(sha("diff:base"));
  });

  it("gives tags, the dangling flag, accounting and the containers using the image", () => {
    const detail = imageDetail(snapshot, image("web"))!;
    expect(detail).toMatchObject({ name: "web:1", tags: ["web:1", "web:latest"], dangling: false, intermediate: false });
    expect(detail.accounting).toMatchObject({ sizeBytes: 145, sharedBytes: 140, uniqueBytes: 5 });
    expect(detail.containers).toEqual([{ id: hex64("container:0"), name: "web-1", state: "running", status: "Up 1 hour" }]);
  });

  it("marks a dangling image and names it by short ID", () => {
    const detail = imageDetail(snapshot, image("old"))!;
    expect(detail.dangling).toBe(true);
    expect(detail.name).toBe(`<none> ${image("old").slice(7, 19)}`);
    expect(detail.containers).toEqual([]);
  });

  it("returns null for an unknown image and survives a chain ID missing from the layer store", () => {
    expect(imageDetail(snapshot, sha("image:nope"))).toBeNull();
    const broken = { ...snapshot, layers: snapshot.layers.filter((layer) => layer.diffId !== sha("diff:web")) };
    const last = imageDetail(broken, image("web"))!.layers[2];
    expect(last).toMatchObject({ diffId: null, sizeBytes: 0, createdBy: null, step: null, sharedWith: [] });
  });
});
