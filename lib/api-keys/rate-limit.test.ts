import { afterEach, describe, expect, it } from "vitest";
import { createRateLimiter, memoryRateLimitStore, type RateLimiter } from "./rate-limit";

const rule = { limit: 3, windowMs: 60_000 };
const t0 = 1_800_000_000_000; // the start of a window
const open: RateLimiter[] = [];
const limiter = (store = memoryRateLimitStore()) => {
  const created = createRateLimiter(store, { syncIntervalMs: 60_000 });
  open.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

describe("rate limiter", () => {
  it("allows `limit` hits per window, then refuses with the seconds until the window ends", async () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) expect((await l.hit("client", rule, t0 + 1000)).allowed).toBe(true);
    expect(await l.hit("client", rule, t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await l.hit("other", rule, t0 + 15_000)).allowed).toBe(true);
    expect((await l.hit("client", rule, t0 + 60_000)).allowed).toBe(true); // next window
  });

  it("waits for the shared count only on a window's first request, then decides at once", async () => {
    const store = memoryRateLimitStore();
    await store.add([{ key: "client", windowStart: t0, delta: 2 }]); // another instance's hits
    const l = limiter(store);
    const first = l.hit("client", rule, t0 + 1);
    expect(first).toBeInstanceOf(Promise); // must learn the shared total before deciding
    expect(await first).toEqual({ allowed: true, remaining: 0 });
    const second = l.hit("client", rule, t0 + 2);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("check() decides without counting", async () => {
    const l = limiter();
    for (let i = 0; i < 10; i++) expect((await l.check("ip", rule, t0)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) await l.hit("ip", rule, t0);
    expect((await l.check("ip", rule, t0)).allowed).toBe(false);
  });

  it("holds across instances sharing a store: a new instance reads the shared count first", async () => {
    const store = memoryRateLimitStore();
    const a = limiter(store);
    const b = limiter(store);
    expect((await a.hit("client", rule, t0)).allowed).toBe(true);
    expect((await a.hit("client", rule, t0)).allowed).toBe(true);
    await a.sync(t0);
    expect((await b.hit("client", rule, t0)).allowed).toBe(true);
    expect((await b.hit("client", rule, t0)).allowed).toBe(false);
    await b.sync(t0);
    // a learns b's count from the totals its next sync returns.
    await a.hit("client", { ...rule, limit: 100 }, t0);
    await a.sync(t0);
    expect(await store.read("client", t0)).toBe(4);
  });

  it("keeps counts when the store fails and retries them on the next sync", async () => {
    const store = memoryRateLimitStore();
    let failing = true;
    const flaky = {
      ...store,
      add: (d: Parameters<typeof store.add>[0]) =>
        failing ? Promise.reject(new Error("down")) : store.add(d),
    };
    const l = limiter(flaky);
    await l.hit("client", rule, t0);
    await l.sync(t0);
    expect(await store.read("client", t0)).toBe(0);
    failing = false;
    await l.sync(t0);
    expect(await store.read("client", t0)).toBe(1);
  });
});
