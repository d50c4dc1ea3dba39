import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { cn } from "./cn";

const root = path.resolve(__dirname, "..");

/** Every class-like word written in a string of app/ and components/. */
function classesInSource(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !name.endsWith(".test.ts")) files.push(full);
    }
  };
  walk(path.join(root, "app"));
  walk(path.join(root, "components"));
  const classes = new Set<string>();
  for (const file of files)
    for (const [, text] of readFileSync(file, "utf8").matchAll(/["'`]([^"'`\n]*)["'`]/g))
      for (const word of text.split(/\s+/))
        if (word.length > 1 && /^[a-z!\[@*-][\w\-[\]():/.=!&@*%#,>]*$/.test(word)) classes.add(word);
  return [...classes].sort();
}

describe("cn", () => {
  it("merges like tailwind-merge's full configuration for every pair of classes the console writes", () => {
    const classes = classesInSource();
    expect(classes).toContain("px-3"); // the scan finds the console's classes
    const differences: string[] = [];
    for (const a of classes)
      for (const b of classes) {
        if (a === b) continue;
        const expected = twMerge(a, b);
        const actual = cn(a, b);
        if (actual !== expected)
          differences.push(`cn("${a}", "${b}") = "${actual}", tailwind-merge: "${expected}"`);
      }
    expect(differences.slice(0, 20)).toEqual([]);
  }, 120_000);

  it("lets a later class win within its group, keeps other groups and variants apart", () => {
    expect(cn("h-9 px-4 text-sm", "h-7 px-2")).toBe("text-sm h-7 px-2");
    expect(cn("text-slate-700 hover:bg-slate-200/70", "bg-white text-brand-800")).toBe(
      "hover:bg-slate-200/70 bg-white text-brand-800",
    );
    expect(cn("p-4", "px-2")).toBe("p-4 px-2");
    expect(cn("px-2", "p-4")).toBe("p-4");
    expect(cn("border border-slate-300", "border-red-600")).toBe("border border-red-600");
    expect(cn("text-sm text-slate-600", false, undefined, "text-xs")).toBe("text-slate-600 text-xs");
  });
});
