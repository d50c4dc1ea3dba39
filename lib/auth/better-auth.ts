import "server-only";
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { withHashedSessionTokens } from "./session-token-hash";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { db, isPostgresUrl, processSingleton } from "../db";
import { sharedSecret } from "../crypto/shared-secret";
import { publicBaseUrl } from "./config";

function createAuth(secret: string) {
  const baseURL = publicBaseUrl();
  return betterAuth({
    appName: "Workbench",
    baseURL,
    secret,
    // Session tokens are stored hashed (lib/auth/session-token-hash.ts).
    database: (options: BetterAuthOptions) =>
      withHashedSessionTokens(
        prismaAdapter(db(), { provider: isPostgresUrl() ? "postgresql" : "sqlite" })(options),
      ),
    // Members are added by an Owner/Admin on the Members page, never by self sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    session: {
      // Absolute lifetime; the 30-minute idle timeout is enforced per request by lib/auth/session.ts.
      expiresIn: 60 * 60 * 12,
      disableSessionRefresh: true,
    },
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      cookiePrefix: "workbench",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // The client's address as server/index.ts computed it (trusted proxies considered): what
      // a session records, and what the Account page shows beside it.
      ipAddress: { ipAddressHeaders: ["x-workbench-client-ip"] },
    },
    // Failed sign-ins are throttled by lib/auth/sign-in.ts, which sees every attempt.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    plugins: [
      // TOTP with recovery codes (lib/auth/mfa.ts); the secret and the codes are stored
      // encrypted with the session secret. A pending sign-in lives 10 minutes; wrong codes count
      // towards the sign-in throttle too (lib/auth/sign-in.ts).
      twoFactor({ issuer: "Workbench", backupCodeOptions: { amount: 10, length: 10 } }),
      // Last, so the cookies the others set reach the response.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The process-wide better-auth instance; its secret is shared by all instances via the database. */
export function getAuth(): Promise<Auth> {
  return processSingleton("auth", async () => createAuth(await sharedSecret("auth_secret")));
}

/** Hashes a password with better-auth's scrypt (memory-hard) hasher. */
export async function hashPassword(password: string): Promise<string> {
  const ctx = await (await getAuth()).$context;
  return ctx.password.hash(password);
}
