"use client";
import { usePathname, useRouter } from "next/navigation";
import { switchEnvironmentPath } from "./switch-path";

export function EnvironmentSwitcher({
  current,
  environments,
  id = "environment-switcher",
}: {
  current: string;
  environments: string[];
  /** Unique on the page (the phone drawer has its own). */
  id?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Environment
      </label>
      <select
        id={id}
        value={current}
        onChange={(event) => router.push(switchEnvironmentPath(pathname, current, event.target.value))}
        className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-medium"
      >
        {environments.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
