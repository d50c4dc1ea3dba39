"use server";
import type { z } from "zod";
import {
  createApiKey,
  deleteApiKey,
  enforceObservedAddresses,
  getApiKey,
  revokeApiKey,
  rotateApiKey,
  updateApiKey,
  type ApiKeyView,
} from "@/lib/api-keys";
import {
  apiKeyIdInput,
  createApiKeyInput,
  deleteApiKeyInput,
  enforceObservedInput,
  rotateApiKeyInput,
  updateApiKeyInput,
} from "@/lib/api-keys/schemas";
import { API_KEY_NOT_FOUND } from "@/lib/api-keys/views";
import { DomainError } from "@/lib/result";
import { memberAction } from "@/app/_lib/action";
import type { MemberActor } from "@/app/_lib/session";

// Every action names the environment of its URL (`environment`); memberAction checks it against
// the member's organisation and, for an existing key, against the key's own environment, so an
// id sent from another environment or organisation is refused.

export type IssuedSecret = {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  previousSecretExpiresAt: string | null;
  /** A grace that follows traffic: the minutes of silence that end it. */
  previousSecretUnusedMinutes: number | null;
};

const listPath = (environment: string) => `/${environment}/configuration/api-keys`;

/** An action on one existing key: the edit right, and the key in the URL's environment. */
function onExistingKey<S extends z.ZodType<{ id: string }>, T>(
  input: S,
  run: (context: { member: MemberActor; data: z.output<S>; key: ApiKeyView }) => Promise<T>,
) {
  return memberAction(
    {
      resource: "apiKeys",
      access: "edit",
      environment: true,
      input,
      load: { find: (member, data) => getApiKey(member, { id: data.id }), notFound: API_KEY_NOT_FOUND },
      revalidate: listPath,
    },
    ({ member, data, record }) => run({ member, data, key: record }),
  );
}

/** What the one-time secret screen shows after a create or a rotation. */
function issuedSecret(key: ApiKeyView, clientSecret: string): IssuedSecret {
  return {
    id: key.id,
    name: key.name,
    clientId: key.clientId,
    clientSecret,
    previousSecretExpiresAt: key.previousSecretExpiresAt?.toISOString() ?? null,
    previousSecretUnusedMinutes: key.previousSecretUnusedMinutes,
  };
}

export const createApiKeyAction = memberAction(
  { resource: "apiKeys", access: "edit", environment: true, input: createApiKeyInput, revalidate: listPath },
  async ({ member, data }): Promise<IssuedSecret> => {
    const { key, clientSecret } = await createApiKey(member, data);
    return issuedSecret(key, clientSecret);
  },
);

export const updateApiKeyAction = onExistingKey(updateApiKeyInput, async ({ member, data }) => {
  await updateApiKey(member, data);
});

export const rotateApiKeyAction = onExistingKey(
  rotateApiKeyInput,
  async ({ member, data }): Promise<IssuedSecret> => {
    const { key, clientSecret } = await rotateApiKey(member, data);
    return issuedSecret(key, clientSecret);
  },
);

/** "Allow these and enforce": one click on the key page, audited. */
export const enforceObservedAddressesAction = onExistingKey(
  enforceObservedInput,
  async ({ member, data }) => {
    await enforceObservedAddresses(member, data);
  },
);

export const revokeApiKeyAction = onExistingKey(apiKeyIdInput, async ({ member, data }) => {
  await revokeApiKey(member, data);
});

/** Deletes a key; the caller must type the key's name, checked here as well as in the form. */
export const deleteApiKeyAction = onExistingKey(deleteApiKeyInput, async ({ member, data, key }) => {
  if (data.confirmName !== key.name) {
    throw new DomainError("Type the key's name to confirm.", "invalid", {
      confirmName: `Type "${key.name}" to confirm`,
    });
  }
  await deleteApiKey(member, { id: data.id });
});
