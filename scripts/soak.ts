// `npm run soak`: ten minutes of steady mixed load at 70 % of the measured capacity against the
// production build (`npm run build` first) on loopback, then the figures; exits 1 when a
// criterion is missed (an error, p99 of the last minute over 125 % of the first, RSS growth of
// 10 % or more after the first minute). SOAK_SECONDS sets another length (CI runs 120 s as part
// of the fault suite, tests/faults/soak.test.ts).
import { soak, soakProblems } from "../tests/faults/helpers/soak";

async function main() {
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const figures = await soak(seconds);
  const problems = soakProblems(figures);
  console.log(
    `\nerrors ${figures.errors} · p99 first ${figures.windowSeconds} s ${figures.p99FirstMs} ms, last ${figures.windowSeconds} s ${figures.p99LastMs} ms (${figures.p99Change >= 0 ? "+" : ""}${Math.round(figures.p99Change * 100)} %) · RSS ${figures.rssAfterWarmupMb} → ${figures.rssEndMb} MB (${Math.round(figures.rssGrowth * 100)} %) · ${figures.requests} requests at ${figures.targetPerSecond}/s (capacity ${figures.capacityPerSecond}/s)`,
  );
  if (problems.length) {
    for (const problem of problems) console.error(`soak: ${problem}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
