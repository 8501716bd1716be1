import type { HostSnapshot } from "@/lib/collect/schema";
import { buildSnapshot, type ImageSpec } from "./snapshotBuilder";

/**
 * A busy CI host: 1,250 images in 125 repositories on 5 shared bases, 3 layers of their own each
 * (3,755 layers). Used to check the explorer stays bounded and responsive.
 */
export function bigHostSnapshot(): HostSnapshot {
  const images: ImageSpec[] = [];
  for (let i = 0; i < 1250; i += 1) {
    const base = { diff: `base${i % 5}`, size: 50_000_000 + (i % 5) };
    const own = [1, 2, 3].map((n) => ({ diff: `img${i}-${n}`, size: 1000 * ((i * 7 + n * 13) % 997) + n }));
    images.push({ name: `img${i}`, tags: [`team${i % 125}/app:${i}`], layers: [base, ...own] });
  }
  return buildSnapshot({ images });
}
