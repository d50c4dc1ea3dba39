// A fingerprint of everything the production build is made from, so `npm start` rebuilds
// exactly when the sources changed (and not on every start).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = [
  "app",
  "components",
  "lib",
  "server",
  "prisma/schema.prisma",
  "package-lock.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function walk(target, out) {
  const full = path.join(root, target);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isFile()) {
    if (!/\.test\.tsx?$/.test(target)) out.push(target);
    return;
  }
  for (const entry of readdirSync(full)) if (!SKIP.has(entry)) walk(path.join(target, entry), out);
}

export function sourceFingerprint() {
  const files = [];
  for (const input of INPUTS) walk(input, files);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}
