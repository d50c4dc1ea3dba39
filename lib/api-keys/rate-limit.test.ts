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
    // Every admitted request was reserved in the shared count before it was answered.
    expect(await store.read("client", t0)).toBeGreaterThanOrEqual(3);
  });

  it("a burst alternating between two instances gets the limit, not instances × limit", async () => {
    const store = memoryRateLimitStore();
    const a = limiter(store);
    const b = limiter(store);
    const ten = { limit: 10, windowMs: 60_000 };
    let allowed = 0;
    for (let i = 0; i < 20; i++) if ((await (i % 2 ? b : a).hit("client", ten, t0 + i)).allowed) allowed++;
    expect(allowed).toBe(10);
  });

  it("concurrent requests on many instances never admit more than the limit", async () => {
    const store = memoryRateLimitStore();
    const instances = Array.from({ length: 4 }, () => limiter(store));
    const rule60 = { limit: 60, windowMs: 60_000 };
    const decisions = await Promise.all(
      Array.from({ length: 200 }, (_, i) => instances[i % 4].hit("client", rule60, t0 + i)),
    );
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeLessThanOrEqual(60);
    expect(allowed).toBeGreaterThanOrEqual(57); // leases left unspent on another instance
  });

  it("far from the limit, requests are decided synchronously from the instance's lease", async () => {
    const l = limiter();
    const wide = { limit: 100_000, windowMs: 60_000 };
    expect(await l.hit("client", wide, t0)).toEqual({ allowed: true, remaining: 99_999 });
    let synchronous = 0;
    for (let i = 0; i < 999; i++) if (!(l.hit("client", wide, t0) instanceof Promise)) synchronous++;
    expect(synchronous).toBe(999); // one reservation of 1,000 covered them all
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
