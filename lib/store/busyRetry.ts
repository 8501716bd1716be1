import "server-only";

// Two SQLite connections write to one file (the store worker's and the main thread's, issue 14 item 4).
// A transaction begins deferred: when the other connection commits between its first read and its
// first write, SQLite refuses the write at once (SQLITE_BUSY_SNAPSHOT, no busy wait); the transaction
// rolled back whole, so running it again is safe. A plain lock held too long ends the same way.

type DriverError = { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };

/** Whether a store error is SQLite's "database is locked": another connection was writing. */
export function isBusyError(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as DriverError;
  const original = e.meta?.driverAdapterError?.cause?.originalCode;
  return typeof original === "string" ? original.startsWith("SQLITE_BUSY") : e.code === "P1008";
}

/** Runs `transaction` again (a little later each time) while it fails busy, `attempts` times at most. */
export async function retryWhenBusy<T>(transaction: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isBusyError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}
