import { apiPermissionUse } from "../../../lib/api-keys/permission-use";
import { permissionUseResponse } from "../../../lib/api-keys/schemas";
import { credentialParams } from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";

// API keys seen from the API: what a key's calls needed (the console's "Permissions in use").
export const apiKeyOperations = [
  defineOperation("getApiKeyPermissionUse", {
    params: credentialParams,
    response: permissionUseResponse,
    handler: async ({ actor, params }) => ({
      data: await apiPermissionUse(actor, params.environmentId, params.clientId),
    }),
  }),
];
