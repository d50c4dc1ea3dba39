// Starts a throwaway PostgreSQL server on loopback for tests and migration authoring
// (initdb, pg_ctl and createdb from Debian's postgresql package). As root, the cluster runs as the `postgres` system user.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, "bin");
    if (existsSync(path.join(bin, "initdb"))) return bin;
  }
  return null;
}

function asPostgres(cmd, args) {
  if (process.getuid?.() === 0) {
    const line = [cmd, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    return spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", line], { encoding: "utf8" });
  }
  return spawnSync(cmd, args, { encoding: "utf8" });
}

/** @returns {{ url: string, stop: () => void }} */
export function startPostgres({ port = 55432, database = "workbench", durable = false } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  const dir = mkdtempSync(path.join(tmpdir(), "workbench-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  mkdirSync(data);
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres", dir]);
  let r = asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`);
  const start = () =>
    asPostgres(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "log"),
      "-w",
      "-o",
      // Fast and throwaway: nothing is flushed to disk. `durable` keeps synchronous commits, so a
      // commit a client saw survives an immediate stop (the outage tests check exactly that).
      `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off ${durable ? "" : "-c synchronous_commit=off "}-c full_page_writes=off -c max_connections=200`,
      "start",
    ]);
  r = start();
  if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.stderr}${r.stdout}`);
  r = asPostgres(path.join(bin, "createdb"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    database,
  ]);
  if (r.status !== 0) throw new Error(`createdb failed: ${r.stderr}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    createDatabase(name) {
      const c = asPostgres(path.join(bin, "createdb"), [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        name,
      ]);
      if (c.status !== 0) throw new Error(`createdb failed: ${c.stderr}`);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    /** Stops the server as an outage would (open connections are cut), keeping its data. */
    pause() {
      const p = asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      if (p.status !== 0) throw new Error(`pg_ctl stop failed: ${p.stderr}${p.stdout}`);
    },
    /** Starts it again on the same port with the same data. */
    resume() {
      const p = start();
      if (p.status !== 0) throw new Error(`pg_ctl start failed: ${p.stderr}${p.stdout}`);
    },
    stop() {
      asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
