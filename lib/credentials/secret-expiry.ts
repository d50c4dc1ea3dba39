import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { DomainError, parseInput } from "../result";
import { emitEvent } from "../webhooks/emit";
import { assertCredentialAccess, NOT_FOUND, ownedBy } from "./access";
import { setSecretExpiryInput, type SetSecretExpiryInput } from "./schemas";

// Expiry of third-party secrets: a credential can carry the date its secret expires at the
// provider (a Salesforce or OAuth client secret, an AWS access key…). 14 and 3 days before, the
// console shows a banner and `credential.secret_expiring` goes out through the webhooks, once per
// threshold: the notice is claimed on the credential row, so two instances never both send it.

import {
  DAY_MS,
  daysLeft,
  dueThreshold,
  SECRET_EXPIRY_THRESHOLDS,
  secretExpiryDate,
} from "./secret-expiry-status";

export * from "./secret-expiry-status";
const NOTICE_BATCH = 100;

/** Sets (or clears) the provider-side expiry; a new date starts its notices afresh. Audited. */
export async function setSecretExpiry(
  actor: Actor,
  input: SetSecretExpiryInput,
): Promise<{ secretExpiresAt: Date | null }> {
  const { id, secretExpiresOn } = parseInput(setSecretExpiryInput, input);
  assertCredentialAccess(actor, "edit");
  const row = await db().credential.findFirst({
    where: ownedBy(actor, id),
    select: { id: true, name: true, environmentId: true, secretExpiresAt: true },
  });
  if (!row) throw new DomainError(NOT_FOUND, "not_found");
  const secretExpiresAt = secretExpiryDate(secretExpiresOn);
  if (row.secretExpiresAt?.getTime() === secretExpiresAt?.getTime()) return { secretExpiresAt };
  await db().$transaction(async (tx) => {
    // Not an edit of the credential's settings: its version (and the caches keyed by it) stay.
    await tx.credential.update({
      where: { id },
      data: { secretExpiresAt, secretExpiryNotice: null },
    });
    await recordAudit(
      actor,
      {
        action: "credential.secret_expiry",
        environmentId: row.environmentId,
        target: { type: "credential", id, label: row.name },
        details: {
          secretExpiresAt: {
            from: row.secretExpiresAt?.toISOString() ?? null,
            to: secretExpiresAt?.toISOString() ?? null,
          },
        },
      },
      tx,
    );
  });
  return { secretExpiresAt };
}

/**
 * Emits `credential.secret_expiring` for every credential whose secret crossed a threshold (14 or
 * 3 days before its expiry) since its last notice. A credential whose date is set with less than
 * 3 days left gets the 3-day notice only. The notice is claimed with a guarded UPDATE in the
 * event's own transaction, so concurrent runs on several instances emit each notice once.
 */
export async function emitSecretExpiryNotices(now: Date = new Date()): Promise<number> {
  const last = SECRET_EXPIRY_THRESHOLDS[SECRET_EXPIRY_THRESHOLDS.length - 1];
  const rows = await db().credential.findMany({
    where: {
      secretExpiresAt: { gt: now, lte: new Date(now.getTime() + SECRET_EXPIRY_THRESHOLDS[0] * DAY_MS) },
      OR: [
        { secretExpiryNotice: null },
        {
          secretExpiryNotice: { gt: last },
          secretExpiresAt: { lte: new Date(now.getTime() + last * DAY_MS) },
        },
      ],
    },
    select: { id: true, name: true, type: true, environmentId: true, secretExpiresAt: true },
    orderBy: { secretExpiresAt: "asc" },
    take: NOTICE_BATCH,
  });
  let emitted = 0;
  for (const row of rows) {
    const expiresAt = row.secretExpiresAt!;
    const threshold = dueThreshold(expiresAt, now);
    if (threshold === null) continue;
    const claimed = await db().$transaction(async (tx) => {
      // A notice is not an edit (updatedAt stays). The date must still be the one read, and no
      // notice for this threshold (or a later one) sent yet.
      const { count } = await tx.credential.updateMany({
        where: {
          id: row.id,
          secretExpiresAt: expiresAt,
          OR: [{ secretExpiryNotice: null }, { secretExpiryNotice: { gt: threshold } }],
        },
        data: { secretExpiryNotice: threshold },
      });
      if (count !== 1) return false;
      await emitEvent(tx, {
        environmentId: row.environmentId,
        type: "credential.secret_expiring",
        data: {
          id: row.id,
          name: row.name,
          type: row.type,
          secretExpiresAt: expiresAt.toISOString(),
          daysBefore: threshold,
          daysLeft: daysLeft(expiresAt, now),
        },
      });
      return true;
    });
    if (claimed) emitted++;
  }
  return emitted;
}
