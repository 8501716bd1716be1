import "server-only";

/**
 * Keys per statement. A query with more bound values than the database takes fails (Prisma P2029,
 * "query parameter limit exceeded"), and Prisma does not split every shape itself — lookups through a
 * composite (host, id) relation bind two values a row — so a host with thousands of images is read and
 * written in batches of this many keys.
 */
export const KEYS_PER_STATEMENT = 500;

/** Runs `query` once per batch of `keys` (in order) and concatenates the rows. */
export async function inBatches<K, R>(keys: K[], query: (batch: K[]) => Promise<R[]>, size = KEYS_PER_STATEMENT): Promise<R[]> {
  const rows: R[] = [];
  for (let start = 0; start < keys.length; start += size) rows.push(...(await query(keys.slice(start, start + size))));
  return rows;
}
