import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * Pins this process (all its threads) to core 1 and returns the prefix that starts a command on
 * core 0, so the measuring side never takes CPU from the measured one (`BENCH_PIN=0`: they share
 * the cores). `servers` and `client` name the two sides in the printed note.
 */
export function pinCores(servers: string, client: string): { prefix: string[]; note: string } {
  if (process.env.BENCH_PIN === "0")
    return { prefix: [], note: `${servers} and ${client} share the cores (BENCH_PIN=0)` };
  const pinned =
    availableParallelism() >= 2 &&
    spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
  if (!pinned)
    return { prefix: [], note: `${servers} and ${client} share the cores (no taskset or one core)` };
  return { prefix: ["taskset", "-c", "0"], note: `${servers} pinned to core 0, ${client} to core 1` };
}
