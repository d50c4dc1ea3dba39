// Next bundles lib/ into its own server chunks while server/ is bundled separately, so one
// process may hold two copies of a module. State that must be unique per process (the
// database client, caches that revocation must clear at once) lives on globalThis.
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`workbench.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  let value = store[key];
  if (value === undefined) {
    value = create();
    store[key] = value;
  }
  return value;
}
