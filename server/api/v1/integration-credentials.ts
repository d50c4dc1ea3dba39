import {
  createIntegrationCredential,
  deleteIntegrationCredential,
  listIntegrationCredentialMetadata,
  updateIntegrationCredential,
} from "../../../lib/api-resources/integration-credentials";
import {
  createIntegrationCredentialBody,
  deletedResponse,
  environmentParams,
  integrationCredentialParams,
  integrationCredentialResponse,
  integrationCredentialsResponse,
  updateIntegrationCredentialBody,
} from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";

// Outbound credentials through the API: the same service and rules as the console (secrets are
// write-only; changing where a credential goes needs its secrets typed again).
export const integrationCredentialOperations = [
  defineOperation("listIntegrationCredentials", {
    params: environmentParams,
    response: integrationCredentialsResponse,
    handler: async ({ actor, params }) => ({
      data: await listIntegrationCredentialMetadata(actor, params.environmentId),
    }),
  }),
  defineOperation("createIntegrationCredential", {
    params: environmentParams,
    body: createIntegrationCredentialBody,
    response: integrationCredentialResponse,
    successStatus: 201,
    handler: async ({ actor, params, body }) => ({
      data: await createIntegrationCredential(actor, params.environmentId, body),
    }),
  }),
  defineOperation("updateIntegrationCredential", {
    params: integrationCredentialParams,
    body: updateIntegrationCredentialBody,
    response: integrationCredentialResponse,
    handler: async ({ actor, params, body }) => ({
      data: await updateIntegrationCredential(actor, params.environmentId, params.credentialId, body),
    }),
  }),
  defineOperation("deleteIntegrationCredential", {
    params: integrationCredentialParams,
    response: deletedResponse,
    handler: async ({ actor, params }) => ({
      data: await deleteIntegrationCredential(actor, params.environmentId, params.credentialId),
    }),
  }),
];
