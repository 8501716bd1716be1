import { describe, expect, it } from "vitest";
import { applyDeltas, decodeEntries, encodeEntry, entryDelta, joinEntries, type ImageEntry } from "@/lib/store/imagePartCodec";

const entry = (n: number, over: Partial<ImageEntry> = {}): ImageEntry => ({
  imageId: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  tags: [`app:${n}`],
  digests: [],
  dangling: false,
  intermediate: false,
  containers: 0,
  engineSizeBytes: 1000 + n,
  engineSharedBytes: null,
  ...over,
});

describe("image part entries", () => {
  it("round-trips an entry through its compact text", () => {
    const e = entry(1, { dangling: true, tags: [], digests: ["app@sha256:ab"], containers: 3, engineSharedBytes: 7 });
    expect(decodeEntries(joinEntries([encodeEntry(e)])).get(e.imageId)).toEqual(e);
  });

  it("a delta holds only what changed, and applying it gives the new entries", () => {
    const before = [entry(1), entry(2), entry(3)];
    const after = [entry(1), entry(2, { tags: ["app:2", "app:latest"] }), entry(4)];
    const delta = entryDelta(new Map(before.map((e) => [e.imageId, e])), after);
    expect(delta.changed).toHaveLength(2);
    expect(delta.removed).toEqual([entry(3).imageId]);
    const applied = applyDeltas({ entriesJson: joinEntries(before.map(encodeEntry)), removedJson: "[]" }, [
      { entriesJson: joinEntries(delta.changed), removedJson: JSON.stringify(delta.removed) },
    ]);
    expect([...applied.values()].sort((a, b) => (a.imageId < b.imageId ? -1 : 1))).toEqual(after);
  });

  it("an unchanged part is an empty delta", () => {
    const same = [entry(1), entry(2)];
    expect(entryDelta(new Map(same.map((e) => [e.imageId, e])), same)).toEqual({ changed: [], removed: [] });
  });
});
