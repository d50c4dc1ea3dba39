// Next bundles lib/ into its own server chunks while server/ is bundled separately, so one
// process may hold two copies of a module. State that must be unique per process (the
// database client, caches that revocation must clear at once) lives in one registry on
// globalThis, which each copy of this module finds once: the hot paths (token endpoint, /v1/*)
// call this several times per request, and a Map lookup costs less than reading a symbol
// property of the global object.
const REGISTRY = Symbol.for("workbench:process-singletons");
const registry: Map<string, unknown> = ((globalThis as unknown as Record<symbol, Map<string, unknown>>)[
  REGISTRY
] ??= new Map());

export function processSingleton<T>(name: string, create: () => T): T {
  let value = registry.get(name) as T | undefined;
  if (value === undefined) {
    value = create();
    registry.set(name, value);
  }
  return value;
}

/** Removes one process singleton and returns it (or undefined): the next use makes a new one. */
export function takeProcessSingleton<T>(name: string): T | undefined {
  const value = registry.get(name) as T | undefined;
  registry.delete(name);
  return value;
}

/** Drops every process singleton, so each is made again on next use (tests switching databases). */
export function clearProcessSingletons(): void {
  registry.clear();
}
