// npm run bench:js — the JavaScript each console page ships on first load, gzipped: every
// <script src> of the page's server-rendered HTML and every script it preloads (the production
// build, signed in as the Owner), each file gzipped on its own and counted once per page. Prints one line per route
// and the part every page shares; exits 1 when a page ships more than the budget
// (BENCH_JS_BUDGET_KB, default 150 kB).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fetchPage, seedConsole, signInCookie, startConsoleServer } from "./bench/console-server";

const BUDGET_KB = Number(process.env.BENCH_JS_BUDGET_KB ?? 150);
const root = path.resolve(__dirname, "..");

/** Every page route under app/, as a URL pattern ("/[env]/audit-log"). */
function pageRoutes(dir = path.join(root, "app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name.startsWith("_")) continue;
      const segment = name.startsWith("(") ? "" : `/${name}`;
      routes.push(...pageRoutes(full, prefix + segment));
    } else if (name === "page.tsx") routes.push(prefix || "/");
  }
  return routes;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
  const server = await startConsoleServer();
  try {
    const ids = await seedConsole(server, { apiKeys: 1, credentials: 1, auditEvents: 0 });
    const cookie = await signInCookie(server.origin);
    const sizes = new Map<string, number>();
    const gzipped = (src: string) => {
      let size = sizes.get(src);
      if (size === undefined) {
        const file = path.join(
          root,
          ".next",
          decodeURIComponent(src.replace(/^\/_next\//, "").split("?")[0]),
        );
        size = gzipSync(readFileSync(file), { level: 9 }).length;
        sizes.set(src, size);
      }
      return size;
    };
    const pages: { route: string; scripts: Set<string> }[] = [];
    const skipped: string[] = [];
    for (const route of pageRoutes()) {
      const url = route
        .replace("[env]", server.environment)
        .replace("api-keys/[id]", `api-keys/${ids.apiKeyId}`)
        .replace("credentials/[id]", `credentials/${ids.credentialId}`);
      const signedOut = route === "/sign-in";
      let html: string;
      try {
        html = await fetchPage(server.origin, url, signedOut ? null : cookie);
      } catch (error) {
        skipped.push(`${route} (${(error as Error).message.replace(/^[^:]*: /, "")})`);
        continue;
      }
      // Modern browsers skip noModule scripts (the legacy polyfills): they are not first-load JS.
      const scripts = new Set(
        [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
          .filter((m) => !/nomodule/i.test(m[1] + m[3]))
          .map((m) => m[2]),
      );
      // The chunks the page preloads (a next/dynamic part rendered on the server): the browser
      // fetches them with the page and runs them at hydration, so they are first-load JS too.
      const preloaded = [...html.matchAll(/<link([^>]*)>/g)]
        .map((m) => m[1])
        .filter((attrs) => /\bas="script"/.test(attrs) && /\brel="preload"/.test(attrs))
        .map((attrs) => /\bhref="([^"]+)"/.exec(attrs)?.[1])
        .filter((href): href is string => Boolean(href) && !scripts.has(href!));
      pages.push({ route, scripts: new Set([...scripts, ...preloaded]) });
    }
    const shared = pages.map((p) => p.scripts).reduce((a, b) => new Set([...a].filter((s) => b.has(s))));
    const sharedBytes = [...shared].reduce((sum, s) => sum + gzipped(s), 0);
    console.log(`first-load JavaScript per page, gzipped (budget ${BUDGET_KB} kB)\n`);
    const over: string[] = [];
    for (const { route, scripts } of pages) {
      const total = [...scripts].reduce((sum, s) => sum + gzipped(s), 0);
      if (total > BUDGET_KB * 1024) over.push(route);
      console.log(
        `${route.padEnd(58)} ${kb(total).padStart(9)}   (own ${kb(total - sharedBytes)})${total > BUDGET_KB * 1024 ? "   ← over" : ""}`,
      );
      // BENCH_JS_FILES=1: each page's own files, largest first.
      if (process.env.BENCH_JS_FILES === "1")
        for (const src of [...scripts].filter((s) => !shared.has(s)).sort((a, b) => gzipped(b) - gzipped(a)))
          console.log(`      ${kb(gzipped(src)).padStart(9)}  ${src}`);
    }
    console.log(`\nshared by every page: ${kb(sharedBytes)} in ${shared.size} files`);
    const largest = [...shared].sort((a, b) => gzipped(b) - gzipped(a));
    for (const src of largest) console.log(`  ${kb(gzipped(src)).padStart(9)}  ${src}`);
    if (skipped.length)
      console.log(`\nnot measured (need a pending sign-in or a premium feature): ${skipped.join(", ")}`);
    console.log(over.length ? `\nover budget: ${over.join(", ")}` : "\nevery page within budget");
    process.exitCode = over.length ? 1 : 0;
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
