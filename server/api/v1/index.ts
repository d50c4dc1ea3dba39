import type { OperationDefinition } from "../operation";
import { apiKeyOperations } from "./api-keys";
import { cardOperations } from "./cards";
import { credentialKeyOperations } from "./credential-keys";
import { credentialOperations } from "./credentials";
import { customerOperations } from "./customers";
import { environmentOperations } from "./environments";
import { integrationCredentialOperations } from "./integration-credentials";
import { requestOperations } from "./requests";
import { webhookEndpointOperations } from "./webhook-endpoints";

/** Every /v1 operation; server/api/operation.test.ts checks it matches the registry one to one. */
export const V1_OPERATIONS: readonly OperationDefinition[] = [
  ...environmentOperations,
  ...credentialOperations,
  ...cardOperations,
  ...customerOperations,
  ...integrationCredentialOperations,
  ...credentialKeyOperations,
  ...requestOperations,
  ...webhookEndpointOperations,
  ...apiKeyOperations,
];
