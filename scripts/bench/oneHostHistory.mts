// One host's history at another time than the fleet's: 240 polls 5 minutes apart of the real
// 1,249-image snapshot, a few tags moving at each (so the image key's aggregates change), for the
// "1 host × 21 / × 240 snapshots" report rows. Written through the real store, under a host of its own
// (a host's polls are stored in time order; the real host's own polls are newer).
import type { HostSnapshot } from "../../lib/collect/schema";
import { db } from "../../lib/store/db";
import { createHost } from "../../lib/store/hosts";
import { saveSnapshot } from "../../lib/store/snapshotWriter";

export async function oneHostHistory(realHostId: string, snapshot: HostSnapshot, from: Date) {
  const { id: hostId } = await createHost({ name: "bench-real-1250-history", endpoint: "unix:///nonexistent/bench-history.sock" });
  await db().host.update({ where: { id: hostId }, data: { enabled: false, status: "disabled" } });
  const at = (i: number) => new Date(from.getTime() + i * 300_000);
  for (let i = 0; i < 240; i += 1) {
    const images = snapshot.images.map((image, k) =>
      k % 97 === i % 97 && image.tags.length > 0 ? { ...image, tags: [`${image.tags[0]}-moved-${i}`] } : image,
    );
    await saveSnapshot(hostId, { ...snapshot, takenAt: at(i).toISOString(), images });
  }
  // Only the real 1,249-image host is polled while the server runs (the other real engines' hosts rest).
  await db().host.updateMany({ where: { name: { startsWith: "bench-real-" }, id: { not: realHostId } }, data: { enabled: false, status: "disabled" } });
  return { from, to21: at(21), to240: at(240) };
}
