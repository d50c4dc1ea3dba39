#!/usr/bin/env node
// Adds up what scripts/test.sh ran: each test of vitest and Playwright counts once per run (the
// unit and integration suites run again under Node 24, the e2e suite again on PostgreSQL, as
// steps of their own), and each
// whole-project check (lint, format, typecheck, migrations, build) counts as one.
import { existsSync, readFileSync, readdirSync } from "node:fs";

const dir = ".tmp/results";
let passed = 0;
let failed = 0;
const lines = [];

function vitest(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const p = report.numPassedTests ?? 0;
  // A suite that failed to load has no tests: count it as a failure, not as nothing.
  const f =
    (report.numFailedTests ?? 0) +
    (report.testResults ?? []).filter((r) => r.status === "failed" && !r.assertionResults?.length).length;
  return [p, f];
}

function playwright(file) {
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  return [stats.expected ?? 0, (stats.unexpected ?? 0) + (stats.flaky ?? 0)];
}

for (const status of readdirSync(dir)
  .filter((f) => f.endsWith(".status"))
  .sort()) {
  const name = status.replace(".status", "");
  const ok = readFileSync(`${dir}/${status}`, "utf8").trim() === "pass";
  const report = `${dir}/${name}.json`;
  let [p, f] = [ok ? 1 : 0, ok ? 0 : 1];
  if (existsSync(report)) {
    [p, f] = name.startsWith("e2e") ? playwright(report) : vitest(report);
    if (!ok && f === 0) f = 1; // the step failed without a failing test (crash, timeout)
  }
  lines.push(`${name.padEnd(20)} ${String(p).padStart(4)} passed ${String(f).padStart(4)} failed`);
  passed += p;
  failed += f;
}
console.log("\n=== summary");
for (const line of lines) console.log(line);
// The fuzzing step's figure: how many cases it generated (tests/fuzz/report.ts writes it).
const fuzz = ".tmp/fuzz/total.json";
if (existsSync(fuzz)) {
  const { total, seconds } = JSON.parse(readFileSync(fuzz, "utf8"));
  console.log(`fuzz: ${total} generated cases in ${seconds} s`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
