// Another Workbench API instance in its own process (tests/fixtures/start-api.ts), for what only
// two processes show: caches, rate limits and leases shared through the database, crashes.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export type Instance = {
  /** http://127.0.0.1:<port> */
  base: string;
  child: ChildProcess;
  /** Every line the instance printed (the first is its port). */
  lines: string[];
  exited: Promise<number | null>;
};

const running = new Set<ChildProcess>();

/** Starts an instance with `env` over this process's environment; resolves once it listens. */
export function startInstance(env: Record<string, string>): Promise<Instance> {
  const root = path.resolve(__dirname, "../../..");
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "tests/fixtures/start-api.ts")],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  running.add(child);
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`instance exited with ${code} before it listened`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (lines.length === 1) resolve({ base: `http://127.0.0.1:${line.trim()}`, child, lines, exited });
    });
  });
}

/** Kills (SIGKILL) every instance still running, for afterEach/afterAll. */
export function killInstances(): void {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
}
