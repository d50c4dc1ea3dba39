import { describe, expect, it } from "vitest";
import { batchedWriter, flushBatchedWriters, periodEntry, requeuePeriodEntry } from "./batched-writer";

type Counts = Map<string, number>;

function counter(name: string, fail: { times: number }) {
  const written: Array<[string, number]> = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const writer = batchedWriter<Counts>({
    name,
    empty: () => new Map(),
    isEmpty: (pending) => pending.size === 0,
    async write(batch, requeue) {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((resolve) => setTimeout(resolve, 5));
      concurrent -= 1;
      if (fail.times > 0) {
        fail.times -= 1;
        for (const [key, n] of batch) requeue.set(key, (requeue.get(key) ?? 0) + n);
        return;
      }
      written.push(...batch);
    },
  });
  const add = (key: string) => {
    writer.pending.set(key, (writer.pending.get(key) ?? 0) + 1);
    writer.schedule();
  };
  return { writer, add, written, maxConcurrent: () => maxConcurrent };
}

describe("batched writer", () => {
  it("writes what was recorded once, in one batch, and nothing when empty", async () => {
    const c = counter("test.once", { times: 0 });
    c.add("a");
    c.add("a");
    c.add("b");
    await c.writer.flush();
    await c.writer.flush();
    c.writer.stop();
    expect(c.written).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });

  it("keeps records that could not be written for the next flush, merged with new ones", async () => {
    const c = counter("test.requeue", { times: 1 });
    c.add("a");
    await c.writer.flush();
    expect(c.written).toEqual([]);
    c.add("a");
    await c.writer.flush();
    c.writer.stop();
    expect(c.written).toEqual([["a", 2]]);
  });

  it("never runs two flushes at once, and records made during a flush are not lost", async () => {
    const c = counter("test.serial", { times: 0 });
    c.add("a");
    const first = c.writer.flush();
    c.add("b");
    const second = c.writer.flush();
    await Promise.all([first, second]);
    c.writer.stop();
    expect(c.maxConcurrent()).toBe(1);
    expect(c.written).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("shows the batch being written until its write has ended, then nothing", async () => {
    let written: Counts | null = null;
    let release = () => {};
    const writer = batchedWriter<Counts>({
      name: "test.writing",
      empty: () => new Map(),
      isEmpty: (pending) => pending.size === 0,
      async write(batch) {
        written = batch;
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    writer.pending.set("a", 1);
    expect(writer.unwritten()).toEqual([writer.pending]);
    const flushed = writer.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Mid-write the record is in neither the database nor `pending`, but in the batch being written.
    expect(writer.pending.size).toBe(0);
    const [pending, writing] = writer.unwritten();
    expect(pending).toBe(writer.pending);
    expect(writing).toBe(written);
    expect(writing?.get("a")).toBe(1);
    release();
    await flushed;
    expect(writer.unwritten()).toEqual([writer.pending]);
    writer.stop();
  });

  it("the shutdown flush writes every writer's pending records", async () => {
    const one = counter("test.shutdown-1", { times: 0 });
    const two = counter("test.shutdown-2", { times: 0 });
    one.add("x");
    two.add("y");
    await flushBatchedWriters();
    expect(one.written).toEqual([["x", 1]]);
    expect(two.written).toEqual([["y", 1]]);
  });
});

describe("per-period entries", () => {
  type Entry = { hour: number; n: number };
  const count = (pending: Map<string, Entry>, hour: number) =>
    periodEntry(pending, "key", "hour", hour, () => ({ hour, n: 0 })).n++;
  const add = (into: Entry, from: Entry) => (into.n += from.n);
  const totals = (pending: Map<string, Entry>) =>
    [...pending.values()].map((e) => [e.hour, e.n]).sort((a, b) => a[0] - b[0]);

  it("counts in one entry per period, moving the earlier one aside when the period changes", () => {
    const pending = new Map<string, Entry>();
    count(pending, 1);
    count(pending, 1);
    count(pending, 2);
    count(pending, 2);
    count(pending, 2);
    count(pending, 3);
    expect(totals(pending)).toEqual([
      [1, 2],
      [2, 3],
      [3, 1],
    ]);
    expect(pending.get("key")?.hour).toBe(3);
  });

  it("puts back unwritten entries into the same period's count, never onto another period's", () => {
    const failed = new Map<string, Entry>();
    count(failed, 1);
    count(failed, 2);
    count(failed, 2);
    const pending = new Map<string, Entry>();
    count(pending, 2); // new counts while the write failed, same period as the failed current one
    count(pending, 3);
    for (const [, entry] of failed) requeuePeriodEntry(pending, "key", "hour", entry, add);
    expect(totals(pending)).toEqual([
      [1, 1],
      [2, 3],
      [3, 1],
    ]);
    // A second failure puts them back again without losing or doubling any count.
    const again = new Map<string, Entry>();
    count(again, 3);
    for (const [, entry] of pending) requeuePeriodEntry(again, "key", "hour", entry, add);
    expect(totals(again)).toEqual([
      [1, 1],
      [2, 3],
      [3, 2],
    ]);
  });
});
