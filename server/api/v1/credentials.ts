import {
  API_KEY_NOT_FOUND,
  createApiKey,
  deleteApiKey,
  findOwnedKey,
  rotateApiKey,
  type ApiKeyView,
} from "../../../lib/api-keys";
import {
  createCredentialBody,
  credentialIdResponse,
  credentialParams,
  credentialSecretResponse,
  environmentParams,
  rotateCredentialBody,
} from "../../../lib/api-resources/schemas";
import type { Actor } from "../../../lib/auth/actor";
import { DomainError } from "../../../lib/result";
import { defineOperation } from "../operation";

// The vendor's credentials API: a legacy `auth` key creates, rotates and deletes the
// environment's `workbench` and `events` keys. `auth` keys and fine-grained keys are managed in
// the console only, so a leaked `auth` key cannot mint more of itself.

async function manageableKey(actor: Actor, environmentId: number, clientId: string): Promise<ApiKeyView> {
  const key = await findOwnedKey(actor, { clientId });
  if (key.environmentId !== environmentId) throw new DomainError(API_KEY_NOT_FOUND, "not_found");
  if (key.kind !== "legacy")
    throw new DomainError("Fine-grained keys are managed in the console only", "forbidden");
  if (key.role === "auth") throw new DomainError("auth keys are managed in the console only", "forbidden");
  return key;
}

export const credentialOperations = [
  defineOperation("createCredential", {
    params: environmentParams,
    body: createCredentialBody,
    response: credentialSecretResponse,
    successStatus: 201,
    handler: async ({ actor, key, params, body }) => {
      const name = body.name ?? `${body.role} key (created by ${key.name})`;
      const created = await createApiKey(actor, {
        environmentId: params.environmentId,
        name,
        kind: "legacy",
        role: body.role,
      });
      return { data: { clientId: created.key.clientId, clientSecret: created.clientSecret } };
    },
  }),
  defineOperation("deleteCredential", {
    params: credentialParams,
    response: credentialIdResponse,
    handler: async ({ actor, params }) => {
      const target = await manageableKey(actor, params.environmentId, params.clientId);
      await deleteApiKey(actor, { id: target.id });
      return { data: { clientId: target.clientId } };
    },
  }),
  defineOperation("rotateCredential", {
    params: credentialParams,
    body: rotateCredentialBody,
    response: credentialSecretResponse,
    handler: async ({ actor, params, body }) => {
      const target = await manageableKey(actor, params.environmentId, params.clientId);
      const rotated = await rotateApiKey(actor, {
        id: target.id,
        grace: body.grace,
        unusedMinutes: body.unusedMinutes,
      });
      return { data: { clientId: rotated.key.clientId, clientSecret: rotated.clientSecret } };
    },
  }),
];
