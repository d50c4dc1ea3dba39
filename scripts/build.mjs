#!/usr/bin/env node
// Production build: the Next console (.next/) and the one server (dist/server.mjs, bundled
// with esbuild; packages stay external, `server-only` becomes an empty module because the
// server is server code by definition).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { sourceFingerprint } from "./fingerprint.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles a server entry point the way production runs it (the benchmark bundles its own). */
export async function bundleServer(entryPoint, outfile) {
  await esbuild.build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url); const __dirname = new URL('.', import.meta.url).pathname.replace(/\\/$/, '');",
    },
    plugins: [
      {
        name: "server-only-is-empty",
        setup(build) {
          build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
          build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({
            contents: "export {};",
            loader: "js",
          }));
        },
      },
    ],
  });
}

export function buildServer() {
  return bundleServer(path.join(root, "server", "index.ts"), path.join(root, "dist", "server.mjs"));
}

export async function build() {
  const started = Date.now();
  const fingerprint = sourceFingerprint();
  const next = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (next.status !== 0) throw new Error("next build failed");
  await buildServer();
  writeFileSync(path.join(root, "dist", "build-fingerprint"), fingerprint);
  console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
