import "server-only";
import { db } from "./db";

/** Every snapshot in the database, good and failed (retention's note). */
export async function countAllSnapshots(): Promise<number> {
  return db().snapshot.count();
}
