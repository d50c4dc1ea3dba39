// How many cases each property runs, and the count each suite reports. FUZZ_SCALE multiplies every
// suite's default number of runs (CI runs at 1; FUZZ_SCALE=0.1 for a quick local pass, 10 for a
// long hunt); FUZZ_SEED replays one run exactly.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";

const scale = Number(process.env.FUZZ_SCALE ?? "1");
if (!(scale > 0)) throw new Error(`FUZZ_SCALE must be a positive number, not ${process.env.FUZZ_SCALE}`);

export const CASES_DIR = path.resolve(import.meta.dirname, "../../../.tmp/fuzz");

export function runs(defaultRuns: number): number {
  return Math.max(1, Math.round(defaultRuns * scale));
}

/** fast-check parameters: a fixed seed when FUZZ_SEED is set, else a fresh one (printed on failure). */
export function parameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  return { numRuns, ...(seed === undefined ? {} : { seed }), endOnFailure: true };
}

/** Counts generated cases per suite; written for the run's total (tests/fuzz/report.ts). */
export class CaseCounter {
  private counts: Record<string, number> = {};
  constructor(private readonly suite: string) {}

  add(what: string, n = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + n;
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  write(extra: Record<string, unknown> = {}): void {
    mkdirSync(CASES_DIR, { recursive: true });
    writeFileSync(
      path.join(CASES_DIR, `${this.suite}.json`),
      JSON.stringify({ suite: this.suite, total: this.total(), counts: this.counts, ...extra }, null, 2),
    );
    console.log(`fuzz ${this.suite}: ${this.total()} cases ${JSON.stringify(this.counts)}`);
  }
}
