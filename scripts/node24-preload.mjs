// Preloaded by scripts/node24.mjs (NODE_OPTIONS=--import) into every Node process of a run
// under Node 24: loading node_modules/better-sqlite3's native addon, built for the Node that
// installed the project, loads the copy compiled for this Node instead. Worker threads have a
// `process` of their own and do not run this preload, so code evaluated in a worker (the SQLite
// checkpointer's) gets the same redirection prepended.
import path from "node:path";
import { createRequire, syncBuiltinESMExports } from "node:module";

const replacement = process.env.WORKBENCH_NODE24_BETTER_SQLITE3;
const original = path.join("node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");

function redirect(target) {
  const dlopen = target.dlopen;
  target.dlopen = function (module, filename, ...rest) {
    const file = String(filename).endsWith(original) ? replacement : filename;
    return dlopen.call(this, module, file, ...rest);
  };
}

if (replacement) {
  redirect(process);
  const threads = createRequire(import.meta.url)("node:worker_threads");
  const prefix = `{ const replacement = ${JSON.stringify(replacement)}, original = ${JSON.stringify(original)};
(${redirect.toString()})(process); }\n`;
  const Worker = threads.Worker;
  threads.Worker = class extends Worker {
    constructor(source, options) {
      super(options?.eval && typeof source === "string" ? prefix + source : source, options);
    }
  };
  syncBuiltinESMExports();
}
