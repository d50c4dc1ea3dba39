import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { processSingleton } from "../db/singleton";
import { configFrom, DEFAULT_KEY_FILE, type Config, type Env } from "../config";

export const KEY_ENV = "WORKBENCH_ENCRYPTION_KEY";
export const PREVIOUS_KEY_ENV = "WORKBENCH_ENCRYPTION_KEY_PREVIOUS";
export const KEY_FILE_ENV = "WORKBENCH_ENCRYPTION_KEY_FILE";
export { DEFAULT_KEY_FILE };

export type MasterKey = { kid: string; key: Buffer };

/** The keys this process can decrypt with; `active` encrypts everything new. */
export type Keyring = {
  active: MasterKey;
  keys: ReadonlyMap<string, MasterKey>;
  source: { kind: "env" } | { kind: "file"; path: string };
};

/** A configuration problem with the master key: clear words, never the key material itself. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MasterKeyError";
  }
}

/**
 * The key id is derived from the key so every instance configured with the same key agrees on
 * it without coordination, and an envelope names the key it needs without revealing it.
 */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256")
    .update("workbench-master-key-id\0")
    .update(key)
    .digest("base64url")
    .slice(0, 10);
}

/** Accepts 32 bytes as 64 hex digits or as base64/base64url (padding optional). */
export function parseMasterKey(text: string, origin: string): MasterKey {
  const value = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    key = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  }
  if (!key || key.length !== 32) {
    throw new MasterKeyError(`${origin} must be 32 bytes, base64 or hex (got ${describeLength(value)})`);
  }
  return { kid: keyIdOf(key), key };
}

function describeLength(value: string): string {
  if (value.length === 0) return "an empty value";
  return `${value.length} characters that are neither 64 hex digits nor 44 base64 characters`;
}

export function generateMasterKey(): string {
  return randomBytes(32).toString("base64");
}

function buildKeyring(keys: MasterKey[], source: Keyring["source"]): Keyring {
  const map = new Map<string, MasterKey>();
  for (const key of keys) if (!map.has(key.kid)) map.set(key.kid, key);
  return { active: keys[0], keys: map, source };
}

type KeySettings = Config["encryption"];

function keyringFromEnv(settings: KeySettings): Keyring {
  const active = parseMasterKey(settings.key ?? "", KEY_ENV);
  const previous = (settings.previousKeys ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => parseMasterKey(part, `${PREVIOUS_KEY_ENV} (entry ${index + 1})`));
  return buildKeyring([active, ...previous], { kind: "env" });
}

export function keyFilePath(env?: Env): string {
  return path.resolve(configFrom(env).encryption.keyFile);
}

/** Key file: one key per line, the first encrypts, the others only decrypt (during rotation). */
export function readKeyFile(file: string): MasterKey[] {
  const lines = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  if (lines.length === 0)
    throw new MasterKeyError(`the master key file ${file} is empty; restore it from your backup`);
  return lines.map((line, index) => parseMasterKey(line, `the master key file ${file} (line ${index + 1})`));
}

/** Replaces the key file atomically so a crash never leaves it half-written. */
export function writeKeyFile(file: string, keys: string[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const header = "# Workbench master key: first line encrypts, later lines are kept only during rotation.\n";
  writeFileSync(temp, header + keys.join("\n") + "\n", { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

function createKeyFileOnce(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const header = "# Workbench master key: first line encrypts, later lines are kept only during rotation.\n";
  try {
    // `wx` fails if another process created the file first; then we simply read theirs.
    writeFileSync(file, `${header}${generateMasterKey()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

function keyringFromFile(settings: KeySettings): Keyring {
  const file = path.resolve(settings.keyFile);
  let keys: MasterKey[];
  try {
    keys = readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    createKeyFileOnce(file);
    keys = readKeyFile(file);
  }
  return buildKeyring(keys, { kind: "file", path: file });
}

/** Loads the keyring from the environment, or the key file on the embedded (SQLite) default. */
export function loadKeyring(env?: Env): Keyring {
  const { encryption: settings, isPostgres } = configFrom(env);
  if (settings.key) return keyringFromEnv(settings);
  if (settings.previousKeys) throw new MasterKeyError(`${PREVIOUS_KEY_ENV} is set but ${KEY_ENV} is not`);
  if (isPostgres && !settings.keyFileExplicit) {
    // Several instances share one PostgreSQL: a key file created by one of them would not
    // be known to the others, so the operator must configure the key explicitly.
    throw new MasterKeyError(
      `${KEY_ENV} is required when DATABASE_URL is PostgreSQL (every instance needs the same key)`,
    );
  }
  return keyringFromFile(settings);
}

type KeyringSlot = { keyring: Keyring | null; fileStamp: number | null };

function slot(): KeyringSlot {
  return processSingleton<KeyringSlot>("crypto.keyring", () => ({ keyring: null, fileStamp: null }));
}

function fileStamp(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The process's keyring, loaded once. With a key file, a changed file (after
 * `keys rotate-master` in another process) is picked up without a restart.
 */
export function keyring(): Keyring {
  const current = slot();
  const source = current.keyring?.source;
  if (current.keyring && source?.kind === "file" && fileStamp(source.path) !== current.fileStamp)
    current.keyring = null;
  if (!current.keyring) {
    const loaded = loadKeyring();
    current.fileStamp = loaded.source.kind === "file" ? fileStamp(loaded.source.path) : null;
    current.keyring = loaded;
  }
  return current.keyring;
}

export function resetKeyring(): void {
  const current = slot();
  current.keyring = null;
  current.fileStamp = null;
}
