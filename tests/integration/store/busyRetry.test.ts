import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBusyError, retryWhenBusy } from "@/lib/store/busyRetry";
import { db } from "@/lib/store/db";
import { useFreshDatabase } from "@/tests/support/testDatabase";

// Issue 14 item 4: the store worker and the main thread each write through their own connection. When
// the other connection commits between a transaction's first read and its first write, SQLite refuses
// the write at once (SQLITE_BUSY_SNAPSHOT); the poll's writes run again instead of failing the poll.

describe("a transaction another connection wrote under", () => {
  let file: string;
  let cleanup: () => Promise<void>;
  let other: Database.Database;
  beforeAll(async () => {
    ({ file, cleanup } = await useFreshDatabase());
    other = new Database(file);
  });
  afterAll(async () => {
    other.close();
    await cleanup();
  });

  /** Reads, lets the other connection commit (while `interfere` says so), then writes a host. */
  const readThenWrite = (name: string, interfere: () => boolean) =>
    db().$transaction(async (tx) => {
      await tx.host.count();
      if (interfere())
        other
          .prepare(`INSERT INTO "AuditEntry" ("id", "at", "actor", "action", "detailsJson") VALUES (?, 0, 'test', 'test', '{}')`)
          .run(`${name}-${Math.random()}`);
      return tx.host.create({ data: { name, endpoint: "unix:///x.sock" } });
    });

  it("fails busy, and is told apart from other store errors", async () => {
    const error = await readThenWrite("once", () => true).catch((e: unknown) => e);
    expect(isBusyError(error)).toBe(true);
    expect(
      isBusyError(
        await db()
          .host.create({ data: { id: "dup", name: "a", endpoint: "unix:///x.sock" } })
          .then(() => db().host.create({ data: { id: "dup", name: "b", endpoint: "unix:///x.sock" } }))
          .catch((e: unknown) => e),
      ),
    ).toBe(false);
    expect(await db().host.count({ where: { name: "once" } })).toBe(0);
  });

  it("is run again and commits once, when the other connection has finished", async () => {
    let attempts = 0;
    const host = await retryWhenBusy(() => readThenWrite("again", () => ++attempts === 1));
    expect(attempts).toBe(2);
    expect(await db().host.findMany({ where: { name: "again" }, select: { id: true } })).toEqual([{ id: host.id }]);
  });

  it("gives up after its attempts and throws the busy error", async () => {
    let attempts = 0;
    const error = await retryWhenBusy(() => readThenWrite("never", () => (attempts++, true)), 3).catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(isBusyError(error)).toBe(true);
  });
});
