// Global set-up of the fuzz project: clears the case counts before a run and prints their total
// after it (the number of generated cases is a figure the run reports).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "../../.tmp/fuzz");

export function setup(): () => void {
  rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  return () => {
    if (!existsSync(dir)) return;
    const suites = readdirSync(dir)
      .filter((f) => f.endsWith(".json") && f !== "total.json")
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { suite: string; total: number });
    const total = suites.reduce((sum, s) => sum + s.total, 0);
    const seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(path.join(dir, "total.json"), JSON.stringify({ total, seconds, suites }, null, 2));
    console.log(
      `\nfuzz: ${total} generated cases in ${seconds} s (${suites.map((s) => `${s.suite} ${s.total}`).join(", ")})`,
    );
  };
}
