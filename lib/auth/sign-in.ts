import "server-only";
import { isAPIError } from "better-auth/api";
import { parseCookies } from "better-auth/cookies";
import { db } from "../db";
import { recordAudit } from "../audit";
import { getAuth } from "./better-auth";
import { signInThrottle } from "./config";
import { reserveAttempt, type Reservation } from "./sign-in-throttle";
import { DomainError, parseInput } from "../result";
import { signInCodeInput, type SignInCodeInput } from "./schemas";

type RequestInfo = { ip: string | null; userAgent: string | null; headers: Headers };

/** What a correct password leads to: the console, or the second factor first. */
export type SignInOutcome = "signed-in" | "second-factor";

/** The organisation whose audit log records an attempt: the member's, else the first one. */
async function organisationFor(email: string): Promise<string | null> {
  const member = await db().member.findFirst({
    where: { user: { email } },
    select: { organisationId: true },
  });
  if (member) return member.organisationId;
  const first = await db().organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  return first?.id ?? null;
}

/**
 * Reserves one attempt against the account and the address (lib/auth/sign-in-throttle.ts), for a
 * password and for a second-factor code alike: wrong ones of either count towards one limit.
 */
async function reserve(email: string, ip: string | null): Promise<Reservation> {
  const { maxFailures, windowSeconds } = signInThrottle();
  const reservation = await reserveAttempt(
    [
      { key: `email:${email}`, limit: maxFailures },
      ...(ip ? [{ key: `ip:${ip}`, limit: maxFailures * 4 }] : []),
    ],
    windowSeconds,
  );
  if (!reservation)
    throw new DomainError(
      `Too many failed sign-in attempts. Try again in ${Math.round(windowSeconds / 60)} minutes.`,
      "unavailable",
    );
  return reservation;
}

async function audit(
  email: string,
  request: RequestInfo,
  action: string,
  target: { id: string },
  details?: Record<string, unknown>,
) {
  const organisationId = await organisationFor(email);
  if (!organisationId) return;
  await recordAudit(
    { type: "system", organisationId, label: email, ip: request.ip, userAgent: request.userAgent },
    { action, target: { type: "user", id: target.id, label: email }, details },
  );
}

/**
 * Checks a member's password (sets the session cookie through better-auth) and audits the
 * attempt. A member with two-factor sign-in gets no session yet: better-auth keeps the pending
 * sign-in in a short-lived cookie, and verifySignInCode finishes it.
 */
export async function signIn(
  input: { email: string; password: string },
  request: RequestInfo,
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const reservation = await reserve(email, request.ip);
  const auth = await getAuth();
  try {
    const result = await auth.api.signInEmail({
      body: { email, password: input.password },
      headers: request.headers,
    });
    await reservation.release(); // only failures count towards the limit
    if ("twoFactorRedirect" in result && result.twoFactorRedirect) return "second-factor";
    if ("user" in result) await audit(email, request, "auth.sign_in", { id: result.user.id });
    return "signed-in";
  } catch (error) {
    if (!isAPIError(error)) throw error;
    await audit(email, request, "auth.sign_in_failed", { id: email });
    throw new DomainError("Email or password is incorrect.", "invalid");
  }
}

/** The member whose password was accepted and who owes a second factor, from better-auth's cookie. */
async function pendingSignIn(headers: Headers): Promise<{ userId: string; email: string } | null> {
  const auth = await getAuth();
  const ctx = await auth.$context;
  const cookie = parseCookies(headers.get("cookie") ?? "").get(ctx.createAuthCookie("two_factor").name);
  // A signed value, `<identifier>.<signature>`; better-auth checks the signature when it verifies
  // the code. The identifier alone is random and names the pending sign-in.
  const identifier = cookie?.split(".")[0];
  if (!identifier) return null;
  const pending = await ctx.internalAdapter.findVerificationValue(identifier);
  if (!pending || pending.expiresAt < new Date()) return null;
  const user = await db().user.findUnique({
    where: { id: pending.value },
    select: { id: true, email: true },
  });
  return user ? { userId: user.id, email: user.email } : null;
}

export const SIGN_IN_EXPIRED = "Your sign-in has expired. Enter your email and password again.";

/** Whether a sign-in is waiting for its second factor (for the code page). */
export async function hasPendingSignIn(headers: Headers): Promise<boolean> {
  return (await pendingSignIn(headers)) !== null;
}

/**
 * Finishes a sign-in with a code from the authenticator app or a recovery code (which is then
 * used up). Wrong codes count towards the sign-in throttle like wrong passwords, and better-auth
 * ends the pending sign-in after five of them.
 */
export async function verifySignInCode(raw: SignInCodeInput, request: RequestInfo): Promise<void> {
  const input = parseInput(signInCodeInput, raw);
  const pending = await pendingSignIn(request.headers);
  if (!pending) throw new DomainError(SIGN_IN_EXPIRED, "conflict");
  const reservation = await reserve(pending.email, request.ip);
  const auth = await getAuth();
  try {
    if (input.method === "totp") {
      await auth.api.verifyTOTP({ body: { code: input.code }, headers: request.headers });
    } else {
      await auth.api.verifyBackupCode({ body: { code: input.code }, headers: request.headers });
    }
  } catch (error) {
    if (!isAPIError(error)) throw error;
    await audit(
      pending.email,
      request,
      "auth.sign_in_failed",
      { id: pending.userId },
      { factor: input.method },
    );
    if (
      error.body?.code === "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE" ||
      error.body?.code === "INVALID_TWO_FACTOR_COOKIE"
    )
      throw new DomainError(SIGN_IN_EXPIRED, "conflict");
    if (error.status === "TOO_MANY_REQUESTS")
      throw new DomainError("Too many wrong codes. Try again in 15 minutes.", "unavailable");
    throw new DomainError(
      input.method === "totp" ? "The code is not valid." : "The recovery code is not valid.",
      "invalid",
      { code: input.method === "totp" ? "The code is not valid." : "The recovery code is not valid." },
    );
  }
  await reservation.release();
  await audit(pending.email, request, "auth.sign_in", { id: pending.userId }, { factor: input.method });
}

export async function signOut(headers: Headers): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers });
}
