import {
  assertCredentialInEnvironment,
  getJwksState,
  rotateKeyPair,
  setJwksPublished,
  setSecretExpiry,
  type JwksState,
} from "../../../lib/credentials";
import {
  jwksStateResponse,
  rotateKeyPairBody,
  rotateKeyPairResponse,
  secretExpiryBody,
  secretExpiryResponse,
  setJwksBody,
} from "../../../lib/credentials/schemas";
import { integrationCredentialParams } from "../../../lib/api-resources/schemas";
import { config } from "../../../lib/config";
import { defineOperation } from "../operation";

// A credential's public keys and provider-side expiry through the API: the same services as the
// console (hosted JWKS, "Rotate key pair" with an overlap, the secret's expiry date).

function jwksView(state: JwksState) {
  return {
    published: state.published,
    url: state.path ? `${config().publicUrl}${state.path}` : null,
    keys: state.keys,
  };
}

export const credentialKeyOperations = [
  defineOperation("getIntegrationCredentialJwks", {
    params: integrationCredentialParams,
    response: jwksStateResponse,
    handler: async ({ actor, params }) => {
      await assertCredentialInEnvironment(actor, params.environmentId, params.credentialId);
      return { data: jwksView(await getJwksState(actor, params.credentialId)) };
    },
  }),
  defineOperation("setIntegrationCredentialJwks", {
    params: integrationCredentialParams,
    body: setJwksBody,
    response: jwksStateResponse,
    handler: async ({ actor, params, body }) => {
      await assertCredentialInEnvironment(actor, params.environmentId, params.credentialId);
      return {
        data: jwksView(await setJwksPublished(actor, { id: params.credentialId, published: body.published })),
      };
    },
  }),
  defineOperation("rotateIntegrationCredentialKeyPair", {
    params: integrationCredentialParams,
    body: rotateKeyPairBody,
    response: rotateKeyPairResponse,
    handler: async ({ actor, params, body }) => {
      await assertCredentialInEnvironment(actor, params.environmentId, params.credentialId);
      return { data: await rotateKeyPair(actor, { id: params.credentialId, ...body }) };
    },
  }),
  defineOperation("setIntegrationCredentialSecretExpiry", {
    params: integrationCredentialParams,
    body: secretExpiryBody,
    response: secretExpiryResponse,
    handler: async ({ actor, params, body }) => {
      await assertCredentialInEnvironment(actor, params.environmentId, params.credentialId);
      const { secretExpiresAt } = await setSecretExpiry(actor, {
        id: params.credentialId,
        secretExpiresOn: body.secretExpiresOn ?? "",
      });
      return { data: { id: params.credentialId, secretExpiresAt: secretExpiresAt?.toISOString() ?? null } };
    },
  }),
];
