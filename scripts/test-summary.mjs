#!/usr/bin/env node
// Adds up what scripts/test.sh ran: each test of vitest and Playwright counts once per run (the
// unit and integration suites run again under Node 24, the e2e suite again on PostgreSQL, as
// steps of their own), and each
// whole-project check (lint, format, typecheck, migrations, build) counts as one.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const dir = ".tmp/results";
let passed = 0;
let failed = 0;
const lines = [];
// Each failing test by name with the start of its message, printed just above the summary so a
// truncated log still shows what failed.
const failures = [];
const firstLines = (message = "") =>
  message
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim())
    .slice(0, 3)
    .map((line) => `    ${line.slice(0, 200)}`)
    .join("\n");

function vitest(file, step) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  for (const result of report.testResults ?? []) {
    if (result.status === "failed" && !result.assertionResults?.length)
      failures.push(`${step}: ${path.relative(process.cwd(), result.name)}\n${firstLines(result.message)}`);
    for (const test of result.assertionResults ?? [])
      if (test.status === "failed")
        failures.push(
          `${step}: ${path.relative(process.cwd(), result.name)} › ${test.fullName}\n${firstLines(test.failureMessages?.join("\n"))}`,
        );
  }
  const p = report.numPassedTests ?? 0;
  // A suite that failed to load has no tests: count it as a failure, not as nothing.
  const f =
    (report.numFailedTests ?? 0) +
    (report.testResults ?? []).filter((r) => r.status === "failed" && !r.assertionResults?.length).length;
  return [p, f];
}

/**
 * The page a failed e2e test left (the accessibility snapshot of its error-context.md, which
 * scripts/test.sh keeps per step), from its main region on: what was on screen when it failed.
 */
function pageSnapshot(step, result) {
  const context = (result?.attachments ?? []).find((a) => a.name === "error-context")?.path;
  if (!context) return "";
  const kept = `${dir}/${step}-pages/${path.basename(path.dirname(context))}.md`;
  if (!existsSync(kept)) return "";
  const text = readFileSync(kept, "utf8");
  const snapshot = text
    .slice(text.indexOf("# Page snapshot") + 1)
    .split("\n")
    .slice(1);
  const all = snapshot.filter((line) => line.trim() && !line.startsWith("```"));
  // From the page's main region on (the sidebar before it is the same on every page).
  const main = all.findIndex((line) => /^\s*- main\b/.test(line));
  const lines = all.slice(Math.max(main, 0));
  const shown = lines.slice(0, 40).map((line) => `      ${line.slice(0, 160)}`);
  if (lines.length > shown.length) shown.push(`      … ${lines.length - shown.length} more lines in ${kept}`);
  return shown.length ? `\n    The page when it failed:\n${shown.join("\n")}` : "";
}

function playwright(file, step) {
  const { stats, suites = [] } = JSON.parse(readFileSync(file, "utf8"));
  const walk = (suite, titles) => {
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === "unexpected" || test.status === "flaky") {
          const result = (test.results ?? []).find((r) => r.status !== "passed");
          failures.push(
            `${step}: ${[...titles, spec.title].filter(Boolean).join(" › ")} (${test.status})\n${firstLines(result?.error?.message)}${pageSnapshot(step, result)}`,
          );
        }
  };
  for (const suite of suites) walk(suite, [suite.title]);
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
    [p, f] = name.startsWith("e2e") ? playwright(report, name) : vitest(report, name);
    if (!ok && f === 0) f = 1; // the step failed without a failing test (crash, timeout)
  }
  lines.push(`${name.padEnd(20)} ${String(p).padStart(4)} passed ${String(f).padStart(4)} failed`);
  passed += p;
  failed += f;
}
if (failures.length) {
  console.log("\n=== failed tests");
  for (const failure of failures) console.log(failure);
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
