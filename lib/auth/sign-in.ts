import "server-only";
import { isAPIError } from "better-auth/api";
import { db } from "../db";
import { recordAudit } from "../audit";
import { getAuth } from "./better-auth";
import { signInThrottle } from "./config";
import { reserveAttempt } from "./sign-in-throttle";
import { DomainError } from "../result";

type RequestInfo = { ip: string | null; userAgent: string | null; headers: Headers };

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

/** Signs a member in (sets the session cookie through better-auth) and audits the attempt. */
export async function signIn(
  input: { email: string; password: string },
  request: RequestInfo,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const { maxFailures, windowSeconds } = signInThrottle();
  const reservation = await reserveAttempt(
    [
      { key: `email:${email}`, limit: maxFailures },
      ...(request.ip ? [{ key: `ip:${request.ip}`, limit: maxFailures * 4 }] : []),
    ],
    windowSeconds,
  );
  if (!reservation)
    throw new DomainError(
      `Too many failed sign-in attempts. Try again in ${Math.round(windowSeconds / 60)} minutes.`,
      "unavailable",
    );
  const organisationId = await organisationFor(email);
  const auth = await getAuth();
  try {
    const result = await auth.api.signInEmail({
      body: { email, password: input.password },
      headers: request.headers,
    });
    await reservation.release(); // only failures count towards the limit
    if (organisationId) {
      await recordAudit(
        { type: "system", organisationId, label: email, ip: request.ip, userAgent: request.userAgent },
        { action: "auth.sign_in", target: { type: "user", id: result.user.id, label: email } },
      );
    }
  } catch (error) {
    if (!isAPIError(error)) throw error;
    if (organisationId) {
      await recordAudit(
        { type: "system", organisationId, label: email, ip: request.ip, userAgent: request.userAgent },
        { action: "auth.sign_in_failed", target: { type: "user", id: email, label: email } },
      );
    }
    throw new DomainError("Email or password is incorrect.", "invalid");
  }
}

export async function signOut(headers: Headers): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers });
}
