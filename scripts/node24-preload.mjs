// Preloaded by scripts/node24.mjs (NODE_OPTIONS=--import) into every Node process of a run
// under Node 24: loading node_modules/better-sqlite3's native addon, built for the Node that
// installed the project, loads the copy compiled for this Node instead.
import path from "node:path";

const replacement = process.env.WORKBENCH_NODE24_BETTER_SQLITE3;
const original = path.join("node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");
const dlopen = process.dlopen;

if (replacement) {
  process.dlopen = function (module, filename, ...rest) {
    const file = String(filename).endsWith(original) ? replacement : filename;
    return dlopen.call(this, module, file, ...rest);
  };
}
