"use server";
import type { z } from "zod";
import {
  createCredential,
  deleteCredential,
  duplicateCredential,
  getCredentialForEdit,
  rotateKeyPair,
  runCredentialTest,
  setJwksPublished,
  setSecretExpiry,
  testUnsavedCredential,
  updateCredential,
  type CredentialTestResult,
} from "@/lib/credentials";
import { NOT_FOUND } from "@/lib/credentials/access";
import {
  createCredentialInput,
  deleteCredentialInput,
  duplicateCredentialInput,
  rotateKeyPairInput,
  setJwksPublishedInput,
  setSecretExpiryInput,
  testCredentialInput,
  testUnsavedCredentialInput,
  updateCredentialInput,
} from "@/lib/credentials/schemas";
import { sendRequest } from "@/lib/requests/service";
import { sendRequestInput } from "@/lib/requests/schemas";
import type { SentResponse } from "@/lib/requests/view";
import { memberAction } from "@/app/_lib/action";
import type { MemberActor } from "@/app/_lib/session";

// Every action names the environment of its URL (`environment`); memberAction checks it against
// the member's organisation and, for an existing credential, against the credential's own
// environment, so an id sent from another environment or organisation is refused.

export type SavedCredential = { id: string; name: string; version: number };

const revalidate = (environment: string) => `/${environment}/configuration/integrations/credentials`;

const saved = ({ id, name, version }: SavedCredential): SavedCredential => ({ id, name, version });

/** An action on one existing credential: the edit right, and the credential in the URL's environment. */
function onExistingCredential<S extends z.ZodType<{ id: string }>, T>(
  input: S,
  run: (member: MemberActor, data: z.output<S>) => Promise<T>,
) {
  return memberAction(
    {
      resource: "credentials",
      access: "edit",
      environment: true,
      input,
      load: { find: (member, data) => getCredentialForEdit(member, data.id), notFound: NOT_FOUND },
      revalidate,
    },
    ({ member, data }) => run(member, data),
  );
}

export const createCredentialAction = memberAction(
  { resource: "credentials", access: "edit", environment: true, input: createCredentialInput, revalidate },
  async ({ member, data }) => saved(await createCredential(member, data)),
);

export const updateCredentialAction = onExistingCredential(updateCredentialInput, async (member, data) =>
  saved(await updateCredential(member, data)),
);

export const duplicateCredentialAction = onExistingCredential(
  duplicateCredentialInput,
  async (member, data) => saved(await duplicateCredential(member, data)),
);

export const deleteCredentialAction = onExistingCredential(
  deleteCredentialInput,
  async (member, data): Promise<{ name: string }> => ({ name: (await deleteCredential(member, data)).name }),
);

/** Sends a real request with the credential applied; the result is redacted by lib/credentials. */
export const testCredentialAction = onExistingCredential(
  testCredentialInput,
  (member, data): Promise<CredentialTestResult> => runCredentialTest(member, data),
);

/** "Test before saving": the new-credential form's values, tested live, nothing stored. */
export const testUnsavedCredentialAction = memberAction(
  { resource: "credentials", access: "edit", environment: true, input: testUnsavedCredentialInput },
  ({ member, data }): Promise<CredentialTestResult> => testUnsavedCredential(member, data),
);

/** Send request from a credential's page: the request goes out with this credential, within its destinations. */
export const sendRequestAction = memberAction(
  {
    resource: "credentials",
    access: "edit",
    environment: true,
    input: sendRequestInput,
    load: {
      find: (member, data) => getCredentialForEdit(member, data.request.credentialId ?? ""),
      notFound: NOT_FOUND,
    },
    revalidate,
  },
  ({ member, data }): Promise<SentResponse> => sendRequest(member, data.environmentId, data.request),
);

/** Hosted JWKS: publish the key-pair credential's public keys at its stable URL, or stop. */
export const setJwksPublishedAction = onExistingCredential(setJwksPublishedInput, async (member, data) => {
  const state = await setJwksPublished(member, data);
  return { published: state.published, path: state.path };
});

/** "Rotate key pair": a new key pair; the previous public key stays published for the chosen overlap. */
export const rotateKeyPairAction = onExistingCredential(rotateKeyPairInput, (member, data) =>
  rotateKeyPair(member, data),
);

/** When the credential's secret expires at its provider (or none). */
export const setSecretExpiryAction = onExistingCredential(setSecretExpiryInput, async (member, data) => {
  const { secretExpiresAt } = await setSecretExpiry(member, data);
  return { secretExpiresAt: secretExpiresAt?.toISOString() ?? null };
});
