import "server-only";
import { db as defaultDb, type Db } from "../db";
import {
  generateMasterKey,
  keyring,
  KEY_ENV,
  PREVIOUS_KEY_ENV,
  readKeyFile,
  resetKeyring,
  writeKeyFile,
  type Keyring,
} from "./master-key";
import { decryptSecret, encryptSecret, envelopeKeyId } from "./envelope";
import { isUnderActiveKey, parseSecretColumn, reencryptSecretMap, type RecordRef } from "./secret-map";
import { settingContext } from "./shared-secret";

export type RotationReport = {
  activeKeyId: string;
  retiredKeyIds: string[];
  credentials: { total: number; reencrypted: number };
  integrations: { total: number; reencrypted: number };
  /** The instance-wide secrets (token signing key, session secret) kept in the Setting table. */
  settings: { total: number; reencrypted: number };
  /** Webhook endpoints' signing secrets (the current one and, after a rotation, the previous). */
  webhookEndpoints: { total: number; reencrypted: number };
  /** What the operator must do next, in plain words. */
  nextStep: string;
};

type Row = { id: string; name: string; secrets: string };
type Table = {
  scope: RecordRef["scope"];
  list: () => Promise<Row[]>;
  /** Compare-and-swap so a concurrent edit is never overwritten by stale ciphertext. */
  swap: (id: string, from: string, to: string) => Promise<number>;
};

function tables(database: Db): Table[] {
  const select = { id: true, name: true, secrets: true } as const;
  return [
    {
      scope: "credential",
      list: () => database.credential.findMany({ select, orderBy: { id: "asc" } }),
      swap: async (id, from, to) =>
        (await database.credential.updateMany({ where: { id, secrets: from }, data: { secrets: to } })).count,
    },
    {
      scope: "integration",
      list: () => database.integration.findMany({ select, orderBy: { id: "asc" } }),
      swap: async (id, from, to) =>
        (await database.integration.updateMany({ where: { id, secrets: from }, data: { secrets: to } }))
          .count,
    },
  ];
}

async function reencryptTable(table: Table, ring: Keyring): Promise<{ total: number; reencrypted: number }> {
  let reencrypted = 0;
  const rows = await table.list();
  for (const row of rows) {
    const ref: RecordRef = { scope: table.scope, recordId: row.id, label: row.name };
    const envelopes = parseSecretColumn(row.secrets, ref);
    if (isUnderActiveKey(envelopes, ring)) continue;
    const next = JSON.stringify(reencryptSecretMap(envelopes, ref, ref, ring));
    if ((await table.swap(row.id, row.secrets, next)) === 1) reencrypted += 1;
  }
  return { total: rows.length, reencrypted };
}

/** Settings hold one envelope each (or a non-secret value, left alone). */
async function reencryptSettings(
  database: Db,
  ring: Keyring,
): Promise<{ total: number; reencrypted: number }> {
  let total = 0;
  let reencrypted = 0;
  for (const row of await database.setting.findMany({ select: { key: true, value: true } })) {
    const kid = envelopeKeyId(row.value);
    if (kid === null) continue;
    total += 1;
    if (kid === ring.active.kid) continue;
    const next = encryptSecret(
      decryptSecret(row.value, settingContext(row.key), ring),
      settingContext(row.key),
      ring,
    );
    const swapped = await database.setting.updateMany({
      where: { key: row.key, value: row.value },
      data: { value: next },
    });
    if (swapped.count === 1) reencrypted += 1;
  }
  return { total, reencrypted };
}

/** A webhook endpoint holds its signing secret, and for 24 h after a rotation the previous one. */
async function reencryptWebhookEndpoints(
  database: Db,
  ring: Keyring,
): Promise<{ total: number; reencrypted: number }> {
  const rows = await database.webhookEndpoint.findMany({
    select: { id: true, name: true, secret: true, previousSecret: true },
    orderBy: { id: "asc" },
  });
  let reencrypted = 0;
  for (const row of rows) {
    const again = (envelope: string, field: "secret" | "previousSecret") => {
      const context = { scope: "webhook_endpoint" as const, recordId: row.id, field, label: row.name };
      return envelopeKeyId(envelope) === ring.active.kid
        ? envelope
        : encryptSecret(decryptSecret(envelope, context, ring), context, ring);
    };
    const secret = again(row.secret, "secret");
    const previousSecret = row.previousSecret === null ? null : again(row.previousSecret, "previousSecret");
    if (secret === row.secret && previousSecret === row.previousSecret) continue;
    const swapped = await database.webhookEndpoint.updateMany({
      where: { id: row.id, secret: row.secret, previousSecret: row.previousSecret },
      data: { secret, previousSecret },
    });
    if (swapped.count === 1) reencrypted += 1;
  }
  return { total: rows.length, reencrypted };
}

/** Re-encrypts until a full pass finds nothing left under an old key (edits may race a pass). */
async function reencryptAll(
  database: Db,
  ring: Keyring,
): Promise<Pick<RotationReport, "credentials" | "integrations" | "settings" | "webhookEndpoints">> {
  const [credentialTable, integrationTable] = tables(database);
  const credentials = await reencryptTable(credentialTable, ring);
  const integrations = await reencryptTable(integrationTable, ring);
  const settings = await reencryptSettings(database, ring);
  const webhookEndpoints = await reencryptWebhookEndpoints(database, ring);
  for (let pass = 0; pass < 3; pass += 1) {
    const again = [
      await reencryptTable(credentialTable, ring),
      await reencryptTable(integrationTable, ring),
      await reencryptSettings(database, ring),
      await reencryptWebhookEndpoints(database, ring),
    ];
    if (again.every((result) => result.reencrypted === 0))
      return { credentials, integrations, settings, webhookEndpoints };
  }
  throw new Error(
    "secrets kept changing during rotation; run `keys rotate-master` again when the console is quiet",
  );
}

/**
 * `keys rotate-master`. With a key file: a new key is generated, the file holds new + old
 * while every secret is re-encrypted, then only the new key. With WORKBENCH_ENCRYPTION_KEY:
 * the operator has already set the new key and moved the old one to
 * WORKBENCH_ENCRYPTION_KEY_PREVIOUS; this re-encrypts, and the old key can then be removed.
 */
export async function rotateMasterKey(database: Db = defaultDb()): Promise<RotationReport> {
  resetKeyring();
  const current = keyring();
  if (current.source.kind === "env") {
    const counts = await reencryptAll(database, current);
    const retired = [...current.keys.keys()].filter((kid) => kid !== current.active.kid);
    return {
      activeKeyId: current.active.kid,
      retiredKeyIds: retired,
      ...counts,
      nextStep: retired.length
        ? `Every secret is now under key ${current.active.kid}. Remove ${PREVIOUS_KEY_ENV} from every instance's configuration.`
        : `Every secret is under key ${current.active.kid}. To rotate, set ${KEY_ENV} to a new key and the current one in ${PREVIOUS_KEY_ENV}, then run this again.`,
    };
  }
  return rotateKeyFile(database, current.source.path);
}

async function rotateKeyFile(database: Db, file: string): Promise<RotationReport> {
  const existing = readKeyFile(file);
  // More than one key means an earlier rotation was interrupted: finish it instead of
  // stacking yet another key.
  const lines =
    existing.length > 1
      ? existing.map((k) => k.key.toString("base64"))
      : [generateMasterKey(), existing[0].key.toString("base64")];
  writeKeyFile(file, lines);
  resetKeyring();
  const ring = keyring();
  const counts = await reencryptAll(database, ring);
  writeKeyFile(file, [lines[0]]);
  resetKeyring();
  return {
    activeKeyId: ring.active.kid,
    retiredKeyIds: [...ring.keys.keys()].filter((kid) => kid !== ring.active.kid),
    ...counts,
    nextStep: `Every secret is now under key ${ring.active.kid}; ${file} holds only that key. Back it up: without it the secrets cannot be read.`,
  };
}
