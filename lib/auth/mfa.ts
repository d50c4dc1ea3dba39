import "server-only";
import { isAPIError } from "better-auth/api";
import QRCode from "qrcode";
import { db } from "../db";
import { recordAudit } from "../audit";
import { DomainError, parseInput } from "../result";
import type { Actor } from "./actor";
import { assertOwnAccount } from "./account";
import { getAuth } from "./better-auth";
import { reserveOwnPasswordCheck } from "./sign-in-throttle";
import { confirmMfaEnrolmentInput, startMfaEnrolmentInput } from "./schemas";

// Two-factor sign-in (TOTP, with recovery codes) for the member's own account, through
// better-auth's two-factor plugin. Enrolment: the password again, then a QR code (and the key
// for typing in), then a code from the app to prove it works; only then is it switched on.

export type MfaStatus = { enabled: boolean; requiredByOrganisation: boolean };

export async function mfaStatus(actor: Actor): Promise<MfaStatus> {
  assertOwnAccount(actor);
  const [user, organisation] = await Promise.all([
    db().user.findUnique({ where: { id: actor.userId }, select: { twoFactorEnabled: true } }),
    db().organisation.findUnique({ where: { id: actor.organisationId }, select: { requireMfa: true } }),
  ]);
  return {
    enabled: user?.twoFactorEnabled ?? false,
    requiredByOrganisation: organisation?.requireMfa ?? false,
  };
}

export type MfaEnrolment = {
  /** The otpauth:// URI as a QR code (a PNG data: URL), rendered here: nothing leaves the server. */
  qrCode: string;
  /** The same secret for typing into the app by hand (base32, in groups of four). */
  manualKey: string;
  /** Shown once, after the first code is confirmed. */
  recoveryCodes: string[];
};

/** The base32 secret of an otpauth:// URI, grouped for reading. */
export function manualKeyOf(uri: string): string {
  const secret = new URL(uri).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Starts (or restarts, while not yet confirmed) enrolment: checks the password and returns the
 * secret as a QR code and as text, with the recovery codes. Two-factor sign-in is not on until
 * confirmMfaEnrolment accepts a code.
 */
export async function startMfaEnrolment(actor: Actor, raw: unknown, headers: Headers): Promise<MfaEnrolment> {
  assertOwnAccount(actor);
  const input = parseInput(startMfaEnrolmentInput, raw);
  if ((await mfaStatus(actor)).enabled)
    throw new DomainError("Two-factor sign-in is already on for your account.", "conflict");
  const reservation = await reserveOwnPasswordCheck(actor.label);
  const auth = await getAuth();
  let enrolment: Awaited<ReturnType<typeof auth.api.enableTwoFactor>>;
  try {
    enrolment = await auth.api.enableTwoFactor({
      body: { password: input.password, method: "totp" },
      headers,
    });
  } catch (error) {
    if (!isAPIError(error)) throw error;
    throw new DomainError("The password is not correct.", "invalid", {
      password: "The password is not correct.",
    });
  }
  await reservation.release();
  if (enrolment.method !== "totp") throw new Error("two-factor enrolment returned no secret");
  return {
    qrCode: await QRCode.toDataURL(enrolment.totpURI, { errorCorrectionLevel: "M", margin: 1, width: 200 }),
    manualKey: manualKeyOf(enrolment.totpURI),
    recoveryCodes: enrolment.backupCodes,
  };
}

/** Confirms enrolment with a code from the app; from now on sign-in asks for one. */
export async function confirmMfaEnrolment(actor: Actor, raw: unknown, headers: Headers): Promise<void> {
  assertOwnAccount(actor);
  const input = parseInput(confirmMfaEnrolmentInput, raw);
  if ((await mfaStatus(actor)).enabled)
    throw new DomainError("Two-factor sign-in is already on for your account.", "conflict");
  const pending = await db().twoFactor.findFirst({ where: { userId: actor.userId }, select: { id: true } });
  if (!pending) throw new DomainError("Start again: enter your password to get a new QR code.", "conflict");
  const auth = await getAuth();
  try {
    await auth.api.verifyTOTP({ body: { code: input.code }, headers });
  } catch (error) {
    if (!isAPIError(error)) throw error;
    throw new DomainError(
      "The code is not valid. Check the time on your device and try the next code.",
      "invalid",
      {
        code: "The code is not valid.",
      },
    );
  }
  await recordAudit(actor, {
    action: "account.mfa_enable",
    target: { type: "user", id: actor.userId, label: actor.label },
    details: { method: "totp" },
  });
}
