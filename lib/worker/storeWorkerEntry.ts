// The store worker's entry (started by storeWorker.ts): heavy store work off the server's event loop
// (issue 14 item 4). It has its own Prisma client on the same SQLite file (WAL: readers never wait on
// it); every background writer runs here, in this one thread, so its writes keep their order.
import { callMain, serveTasks } from "./workerRuntime";
import { storeTasks } from "./storeTasks";

// /system/df refuses concurrent calls: the lock per engine (lib/collect/concurrency.ts) is held on
// the main thread, where approvals take it too, and this thread asks for it there.
(globalThis as unknown as { ballastSerialBridge?: <R>(key: string, fn: () => Promise<R>) => Promise<R> }).ballastSerialBridge = async (key, fn) => {
  const lockId = await callMain<number>("lock", key);
  try {
    return await fn();
  } finally {
    await callMain("unlock", lockId);
  }
};

serveTasks(storeTasks);
