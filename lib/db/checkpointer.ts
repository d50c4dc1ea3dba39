import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

// SQLite's WAL is copied back into the database file by checkpoints. Left to itself, SQLite runs
// one inside the commit that takes the WAL past 1,000 pages — on better-sqlite3, synchronously on
// the event loop, with an fsync: a stall of 5–40 ms every ~200 card writes, growing with the
// database (the pages a checkpoint writes scatter as the tables grow), which every request in
// flight waits out. Here the serving connection never checkpoints (`wal_autocheckpoint = 0`); a
// worker thread with its own connection runs PASSIVE checkpoints, which never block a writer or
// a reader, every CHECKPOINT_INTERVAL_MS, and a RESTART one when writers outpace them, so the
// WAL stays near RESTART_AFTER_FRAMES pages at most. Durability is unchanged: a commit is in the
// WAL either way. Should the worker fail to start, the serving connection checkpoints by itself.

const CHECKPOINT_INTERVAL_MS = 200;
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** A WAL of this many pages (64 MB at 4 KiB) is checkpointed with RESTART (see the worker). */
const RESTART_AFTER_FRAMES = 16_384;
/** After a restart, SQLite truncates the WAL file to this size. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

// Plain CommonJS, run with `eval`: the worker needs no file of its own in either bundle (the
// console's and the API server's). It loads the driver from where the main script resolves it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
let Database = null;
for (const base of workerData.bases) {
  try { Database = createRequire(base)("better-sqlite3"); break; } catch {}
}
if (!Database) parentPort.postMessage("unavailable");
else {
  const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
  db.pragma("busy_timeout = 5000");
  const timer = setInterval(() => {
    try {
      const [{ log }] = db.pragma("wal_checkpoint(PASSIVE)");
      // Writers that never pause can keep a passive checkpoint from ever catching up, and the
      // WAL restarts from its start only once it has. Past the limit, a RESTART checkpoint
      // (which waits for the writer, then holds writers back for the little left to copy).
      if (log > workerData.restartFrames) db.pragma("wal_checkpoint(RESTART)");
    } catch {}
  }, workerData.intervalMs);
  parentPort.on("message", (message) => {
    if (message !== "stop") return;
    clearInterval(timer);
    try { db.close(); } catch {}
    parentPort.close();
  });
  parentPort.postMessage("started");
}
`;

export type Checkpointer = { stop: () => Promise<void> };

/** Moves the WAL checkpoints of `connection`'s database off the event loop (file databases only). */
export function startCheckpointer(connection: BetterSqlite3.Database): Checkpointer {
  const file = connection.name;
  if (connection.memory || !file || file === ":memory:") return { stop: async () => {} };
  connection.pragma("wal_autocheckpoint = 0");
  connection.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const restore = () => {
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const bases = [process.argv[1], path.join(process.cwd(), "index.js")].filter(Boolean);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: path.resolve(file),
        bases,
        intervalMs: CHECKPOINT_INTERVAL_MS,
        restartFrames: RESTART_AFTER_FRAMES,
      },
    });
  } catch {
    restore();
    return { stop: async () => {} };
  }
  worker.unref();
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  worker.on("message", (message) => {
    if (message === "unavailable") restore();
  });
  worker.on("error", () => {
    if (!stopped) restore();
  });
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!running) return;
      worker.postMessage("stop");
      // The worker closes its connection first, so the serving connection closes last and
      // SQLite's final checkpoint folds the WAL into the file.
      // Not unref'd: while stopping, this wait is what keeps the process alive. terminate()
      // only for a worker still running: on one that has exited its promise never settles.
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_000))),
      ]);
      clearTimeout(timer);
      if (!closed && running) await worker.terminate();
    },
  };
}
