import { listIntegrationCredentialMetadata } from "../../../lib/api-resources/integration-credentials";
import { environmentParams, integrationCredentialsResponse } from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";

export const integrationCredentialOperations = [
  defineOperation("listIntegrationCredentials", {
    params: environmentParams,
    response: integrationCredentialsResponse,
    handler: async ({ actor, params }) => ({
      data: await listIntegrationCredentialMetadata(actor, params.environmentId),
    }),
  }),
];
