import "server-only";
import type { AwsSigningResult } from "./aws-sign";
import { SERVER_KINDS } from "./kinds/server";
import type { MintedJwt } from "./key-pair";
import type { TokenExchange, TokenInfo } from "./oauth";
import { resolveDeps, type ResolveDeps } from "./resolve-deps";
import type { OutgoingRequest, ResolvableCredential } from "./types";

export type AppliedCredential =
  | {
      ok: true;
      request: OutgoingRequest;
      warnings: string[];
      /** Values derived from secrets (tokens, signatures) that must be redacted wherever shown. */
      derivedSecrets: string[];
      oauth?: { token: TokenInfo; cached: boolean; exchange: TokenExchange | null };
      aws?: AwsSigningResult;
      jwt?: { minted: MintedJwt; cached: boolean };
    }
  | { ok: false; message: string; oauth?: { exchange: TokenExchange | null } };

/** Applies a credential to an outgoing request (the one entry point; never throws for expected failures). */
export async function applyCredential(
  credential: ResolvableCredential,
  request: OutgoingRequest,
  deps: Partial<ResolveDeps> = {},
): Promise<AppliedCredential> {
  try {
    // `never`: TypeScript cannot pair a credential of the union with its own kind's entry.
    return await SERVER_KINDS[credential.type].apply(credential as never, request, resolveDeps(deps));
  } catch (error) {
    // Only our own messages get here (invalid URL, unusable key); none contains a secret.
    const message =
      error instanceof TypeError && /URL/i.test(error.message)
        ? "The request URL is not valid."
        : (error as Error).message;
    return { ok: false, message: `The credential could not be applied: ${message}` };
  }
}
