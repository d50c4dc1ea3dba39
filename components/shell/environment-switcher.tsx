"use client";
import { usePathname, useRouter } from "next/navigation";
import { switchEnvironmentPath } from "./switch-path";

export function EnvironmentSwitcher({ current, environments }: { current: string; environments: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="environment-switcher" className="text-xs font-medium text-slate-600">
        Environment
      </label>
      <select
        id="environment-switcher"
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
