// A soak: the production server on the embedded default, its capacity measured for a few
// seconds (closed loop, mixed requests), then steady open-loop mixed load at 70 % of it for the
// given time. Figures: error count, p99 of the first and the last window (a minute, or a quarter
// of a shorter run), and the growth of the server's RSS floor (its lowest between garbage
// collections) from the window after the warm-up to the last window.
import { readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../../scripts/migrate.mjs";
import { accessToken, actionData, createdSecrets, send, signInConsole, token, type Reply } from "./clients";
import { percentile } from "./load";
import { FAULTS_DIR, OWNER, startWorkbench } from "./workbench";

export type SoakFigures = {
  seconds: number;
  capacityPerSecond: number;
  targetPerSecond: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  windowSeconds: number;
  p99FirstMs: number;
  p99LastMs: number;
  p99Change: number;
  rssAfterWarmupMb: number;
  rssEndMb: number;
  rssGrowth: number;
  /** p99 of the last window by kind of request, to see which one slowed down. */
  p99LastByKindMs: Record<string, number>;
};

const KINDS = ["token", "environments", "environments", "create card", "list cards"];

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each answered request's start (ms since the epoch), duration (ms) and kind (index in KINDS). */
class Samples {
  count = 0;
  private at = new Float64Array(1 << 16);
  private ms = new Float64Array(1 << 16);
  private kind = new Uint8Array(1 << 16);

  push(at: number, ms: number, kind: number): void {
    if (this.count === this.at.length) {
      const grow = <T extends Float64Array | Uint8Array>(from: T, to: T) => (to.set(from), to);
      this.at = grow(this.at, new Float64Array(this.count * 2));
      this.ms = grow(this.ms, new Float64Array(this.count * 2));
      this.kind = grow(this.kind, new Uint8Array(this.count * 2));
    }
    this.at[this.count] = at;
    this.ms[this.count] = ms;
    this.kind[this.count++] = kind;
  }

  /** The durations of the requests that `pick` chooses by start and kind. */
  durations(pick: (at: number, kind: number) => boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (pick(this.at[i], this.kind[i])) out.push(this.ms[i]);
    return out;
  }
}

export async function soak(seconds: number, log: (line: string) => void = console.log): Promise<SoakFigures> {
  const dir = path.join(FAULTS_DIR, "soak");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, "workbench.db")}`;
  await migrate(databaseUrl, { quiet: true });
  const workbench = await startWorkbench({
    name: "soak",
    databaseUrl,
    env: { WORKBENCH_TOKEN_RATE_LIMIT: "100000000" },
  });
  try {
    const base = workbench.base;
    const owner = await signInConsole(base, OWNER.email, OWNER.password);
    const key = actionData<{ clientId: string; clientSecret: string }>(
      (
        await owner.action("/production/configuration/api-keys/new", "createApiKeyAction", {
          environment: "production",
          kind: "fine_grained",
          name: "soak",
          permissions: ["environments:read", "cards:read", "cards:write"],
        })
      ).text,
    );
    createdSecrets.add(key.clientSecret);
    const bearer = await accessToken(base, key.clientId, key.clientSecret);
    const environments = await send(base, "/v1/environments", { token: bearer });
    const env = (environments.body as { environments: { id: number; name: string }[] }).environments.find(
      (e) => e.name === "production",
    )!.id;

    // The mix: token requests, reads and writes.
    let n = 0;
    const next = (): Promise<Reply> => {
      const i = n++;
      switch (i % 5) {
        case 0:
          // The log check looks for the first 200 tokens; the rest are issued the same way.
          return token(base, key.clientId, key.clientSecret, { remember: i < 1_000 });
        case 1:
        case 2:
          return send(base, "/v1/environments", { token: bearer });
        case 3:
          return send(base, `/v1/${env}/cards`, { token: bearer, body: { title: `soak ${i}` } });
        default:
          return send(base, `/v1/${env}/cards?limit=20`, { token: bearer });
      }
    };

    // Capacity: 32 requests at a time for 5 s.
    let done = 0;
    const capacityUntil = Date.now() + 5_000;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() < capacityUntil) {
          await next().catch(() => undefined);
          done++;
        }
      }),
    );
    const capacity = done / 5;
    const target = Math.max(1, Math.round(capacity * 0.7));
    log(`soak: capacity ${Math.round(capacity)} req/s, steady load at ${target} req/s for ${seconds} s`);

    // One number per request in typed arrays, not an object: a ten-minute soak answers over a
    // million requests, and a heap of that many objects would slow the client's garbage
    // collector, which the figures would then report as the server's latency.
    const samples = new Samples();
    const errors: string[] = [];
    const rss: { at: number; bytes: number }[] = [];
    const started = Date.now();
    const until = started + seconds * 1000;
    let sent = 0;
    let inFlight = 0;
    const pending = new Set<Promise<void>>();
    const rssTimer = setInterval(
      () => rss.push({ at: Date.now(), bytes: rssBytes(workbench.child.pid!) }),
      1_000,
    );
    while (Date.now() < until) {
      const due = Math.floor(((Date.now() - started) / 1000) * target);
      while (sent < due) {
        sent++;
        if (inFlight >= 512) {
          errors.push("client backlog over 512 requests: the server fell behind");
          continue;
        }
        inFlight++;
        const at = Date.now();
        const kind = n % 5;
        const request = next()
          .then(
            (reply) => {
              if (reply.status < 200 || reply.status >= 300)
                errors.push(`${reply.status} ${reply.text.slice(0, 120)}`);
              samples.push(at, Date.now() - at, kind);
            },
            (error: unknown) => {
              errors.push(String(error));
            },
          )
          .finally(() => {
            inFlight--;
            pending.delete(request);
          });
        pending.add(request);
      }
      await sleep(5);
    }
    await Promise.all(pending);
    clearInterval(rssTimer);

    const windowMs = Math.min(60_000, (seconds * 1000) / 4);
    const first = samples.durations((at) => at < started + windowMs);
    const last = samples.durations((at) => at >= until - windowMs);
    // RSS rises and falls by a third between garbage collections at this load, so one sample
    // against another measures where the GC happened to be. A leak raises the floor: compare the
    // lowest RSS of the window after the warm-up with the lowest of the last window.
    const floor = (from: number, to: number) =>
      Math.min(...rss.filter((r) => r.at >= from && r.at < to).map((r) => r.bytes));
    const warmFloor = floor(started + windowMs, started + 2 * windowMs);
    const endFloor = floor(until - windowMs, Infinity);
    const rssWarm = Number.isFinite(warmFloor) ? warmFloor : (rss[0]?.bytes ?? 0);
    const rssEnd = Number.isFinite(endFloor) ? endFloor : (rss.at(-1)?.bytes ?? 0);
    const p99First = percentile(first, 99);
    const p99Last = percentile(last, 99);
    const figures: SoakFigures = {
      seconds,
      capacityPerSecond: Math.round(capacity),
      targetPerSecond: target,
      requests: samples.count,
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      windowSeconds: windowMs / 1000,
      p99FirstMs: p99First,
      p99LastMs: p99Last,
      p99Change: p99First ? Math.round(((p99Last - p99First) / p99First) * 1000) / 1000 : 0,
      rssAfterWarmupMb: Math.round(rssWarm / 1048576),
      rssEndMb: Math.round(rssEnd / 1048576),
      rssGrowth: rssWarm ? Math.round(((rssEnd - rssWarm) / rssWarm) * 1000) / 1000 : 0,
      p99LastByKindMs: Object.fromEntries(
        [...new Set(KINDS)].map((k) => [
          k,
          percentile(
            samples.durations((at, kind) => at >= until - windowMs && KINDS[kind] === k),
            99,
          ),
        ]),
      ),
    };
    log(`soak: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await workbench.stop();
  }
}

/**
 * The soak's pass criteria: no error, RSS growth under 10 % after warm-up and (`stableP99`) p99
 * of the last window within 25 % of the first.
 */
export function soakProblems(figures: SoakFigures, { stableP99 = true } = {}): string[] {
  const problems: string[] = [];
  if (figures.errors) problems.push(`${figures.errors} error(s), e.g. ${figures.errorSamples.join(" | ")}`);
  if (stableP99 && figures.p99LastMs > figures.p99FirstMs * 1.25)
    problems.push(`p99 grew from ${figures.p99FirstMs} ms to ${figures.p99LastMs} ms (more than 25 %)`);
  if (figures.rssGrowth >= 0.1)
    problems.push(`RSS grew ${Math.round(figures.rssGrowth * 100)} % after warm-up`);
  return problems;
}
