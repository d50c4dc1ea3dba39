// Next bundles lib/ into its own server chunks while server/ is bundled separately, so one
// process may hold two copies of a module. State that must be unique per process (the
// database client, caches that revocation must clear at once) lives on globalThis.
// The hot paths (token endpoint, /v1/*) call this several times per request: the registry
// symbols are looked up once per name.
const symbols = new Map<string, symbol>();

export function processSingleton<T>(name: string, create: () => T): T {
  let key = symbols.get(name);
  if (key === undefined) {
    key = Symbol.for(`workbench.${name}`);
    symbols.set(name, key);
  }
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  let value = store[key];
  if (value === undefined) {
    value = create();
    store[key] = value;
  }
  return value;
}
