import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  keyIdOf,
  loadKeyring,
  MasterKeyError,
  parseMasterKey,
  readKeyFile,
  writeKeyFile,
} from "./master-key";

describe("parseMasterKey", () => {
  const raw = randomBytes(32);

  it("accepts 32 bytes as hex, base64 and base64url, with or without padding", () => {
    for (const text of [
      raw.toString("hex"),
      raw.toString("base64"),
      raw.toString("base64url"),
      ` ${raw.toString("base64")}\n`,
    ]) {
      const parsed = parseMasterKey(text, "WORKBENCH_ENCRYPTION_KEY");
      expect(parsed.key.equals(raw)).toBe(true);
      expect(parsed.kid).toBe(keyIdOf(raw));
    }
  });

  it("gives a clear error for anything else, without echoing the value", () => {
    const bad = [
      "",
      "short",
      randomBytes(16).toString("hex"),
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("base64"),
      "z".repeat(64),
    ];
    for (const text of bad) {
      let message = "";
      try {
        parseMasterKey(text, "WORKBENCH_ENCRYPTION_KEY");
      } catch (error) {
        expect(error).toBeInstanceOf(MasterKeyError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/^WORKBENCH_ENCRYPTION_KEY must be 32 bytes, base64 or hex/);
      if (text.length > 4) expect(message).not.toContain(text.trim());
    }
  });

  it("derives a stable key id that differs between keys", () => {
    const other = randomBytes(32);
    expect(keyIdOf(raw)).toBe(keyIdOf(Buffer.from(raw)));
    expect(keyIdOf(raw)).not.toBe(keyIdOf(other));
    expect(keyIdOf(raw)).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });
});

describe("loadKeyring", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "wb-key-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("uses the environment key first, then the previous keys for decryption only", () => {
    const active = randomBytes(32);
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const ring = loadKeyring({
      WORKBENCH_ENCRYPTION_KEY: active.toString("base64"),
      WORKBENCH_ENCRYPTION_KEY_PREVIOUS: `${old1.toString("hex")}, ${old2.toString("base64url")}`,
    });
    expect(ring.active.kid).toBe(keyIdOf(active));
    expect([...ring.keys.keys()]).toEqual([keyIdOf(active), keyIdOf(old1), keyIdOf(old2)]);
  });

  it("names the bad entry of the previous keys", () => {
    const env = {
      WORKBENCH_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      WORKBENCH_ENCRYPTION_KEY_PREVIOUS: "abc",
    };
    expect(() => loadKeyring(env)).toThrow(
      "WORKBENCH_ENCRYPTION_KEY_PREVIOUS (entry 1) must be 32 bytes, base64 or hex",
    );
  });

  it("creates the key file once with mode 0600 and reuses it", () => {
    const file = path.join(dir, "nested", "master.key");
    const first = loadKeyring({ WORKBENCH_ENCRYPTION_KEY_FILE: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadKeyring({ WORKBENCH_ENCRYPTION_KEY_FILE: file });
    expect(second.active.kid).toBe(first.active.kid);
    expect(first.source).toEqual({ kind: "file", path: file });
  });

  it("never silently replaces a damaged key file", () => {
    const file = path.join(dir, "master.key");
    writeFileSync(file, "not-a-key\n");
    expect(() => loadKeyring({ WORKBENCH_ENCRYPTION_KEY_FILE: file })).toThrow(
      /master key file .* \(line 1\) must be 32 bytes/,
    );
    expect(readFileSync(file, "utf8")).toBe("not-a-key\n");
    writeFileSync(file, "# only a comment\n");
    expect(() => loadKeyring({ WORKBENCH_ENCRYPTION_KEY_FILE: file })).toThrow(/is empty; restore it/);
  });

  it("keeps every key of a file written during rotation, the first one active", () => {
    const file = path.join(dir, "master.key");
    const [a, b] = [randomBytes(32), randomBytes(32)];
    writeKeyFile(file, [a.toString("base64"), b.toString("base64")]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file).map((k) => k.kid)).toEqual([keyIdOf(a), keyIdOf(b)]);
    expect(loadKeyring({ WORKBENCH_ENCRYPTION_KEY_FILE: file }).active.kid).toBe(keyIdOf(a));
  });

  it("requires an explicit key on PostgreSQL, where instances cannot share a file", () => {
    expect(() => loadKeyring({ DATABASE_URL: "postgres://u@127.0.0.1/db" })).toThrow(
      /WORKBENCH_ENCRYPTION_KEY is required/,
    );
    expect(() => loadKeyring({ WORKBENCH_ENCRYPTION_KEY_PREVIOUS: randomBytes(32).toString("hex") })).toThrow(
      /is set but/,
    );
  });
});
