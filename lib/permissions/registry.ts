// The one permission registry of the public API (its permissions and legacy roles are in
// ./permissions). The console's permission picker, the 403 checks of /v1/* and the served
// OpenAPI document all read it; nothing else names a permission or decides which legacy role
// grants it. Free of server-only code so the console's client components may import it.

export * from "./permissions";
import { PERMISSIONS, type LegacyRole, type Permission } from "./permissions";

// ---- API operations -----------------------------------------------------------------------

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * What an operation requires: a permission (fine-grained keys hold it, legacy keys get it from
 * their role), or — for the vendor's credentials API — a legacy role only.
 */
export type OperationAccess = { permission: Permission } | { legacyRole: LegacyRole };

export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI-style path; `{name}` marks a path parameter. */
  path: string;
  summary: string;
  tag: string;
  access: OperationAccess;
};

const op = (
  method: HttpMethod,
  path: string,
  tag: string,
  summary: string,
  access: OperationAccess,
): ApiOperation => ({
  method,
  path,
  tag,
  summary,
  access,
});

const ENV = "/v1/{environmentId}";

export const API_OPERATIONS = {
  listEnvironments: op("GET", "/v1/environments", "Environments", "List environments", {
    permission: "environments:read",
  }),
  createCredential: op(
    "POST",
    `${ENV}/credentials`,
    "Credentials",
    "Create a workbench or events credential",
    {
      legacyRole: "auth",
    },
  ),
  deleteCredential: op("DELETE", `${ENV}/credentials/{clientId}`, "Credentials", "Delete a credential", {
    legacyRole: "auth",
  }),
  rotateCredential: op(
    "POST",
    `${ENV}/credentials/{clientId}/rotate`,
    "Credentials",
    "Rotate a credential's secret",
    {
      legacyRole: "auth",
    },
  ),
  listCards: op("GET", `${ENV}/cards`, "Cards", "Retrieve cards", { permission: "cards:read" }),
  getCard: op("GET", `${ENV}/cards/{cardId}`, "Cards", "Retrieve a card", { permission: "cards:read" }),
  createCard: op("POST", `${ENV}/cards`, "Cards", "Create a card", { permission: "cards:write" }),
  updateCard: op("PATCH", `${ENV}/cards/{cardId}`, "Cards", "Update a card", { permission: "cards:write" }),
  deleteCard: op("DELETE", `${ENV}/cards/{cardId}`, "Cards", "Delete a card", { permission: "cards:write" }),
  listCustomers: op("GET", `${ENV}/customers`, "Customers", "Retrieve customers", {
    permission: "customers:read",
  }),
  getCustomer: op("GET", `${ENV}/customers/{customerId}`, "Customers", "Retrieve a customer", {
    permission: "customers:read",
  }),
  createCustomer: op("POST", `${ENV}/customers`, "Customers", "Create a customer", {
    permission: "customers:write",
  }),
  updateCustomer: op("PATCH", `${ENV}/customers/{customerId}`, "Customers", "Update a customer", {
    permission: "customers:write",
  }),
  deleteCustomer: op("DELETE", `${ENV}/customers/{customerId}`, "Customers", "Delete a customer", {
    permission: "customers:write",
  }),
  sendEvent: op("POST", `${ENV}/events`, "Events", "Send an event (creates a card for a customer)", {
    permission: "events:write",
  }),
  listIntegrationCredentials: op(
    "GET",
    `${ENV}/integration-credentials`,
    "Integration credentials",
    "List integration credential metadata",
    { permission: "credentials:read" },
  ),
  createIntegrationCredential: op(
    "POST",
    `${ENV}/integration-credentials`,
    "Integration credentials",
    "Create an integration credential (the console form's fields plus allowedDestinations)",
    { permission: "credentials:write" },
  ),
  updateIntegrationCredential: op(
    "PATCH",
    `${ENV}/integration-credentials/{credentialId}`,
    "Integration credentials",
    "Update an integration credential (an empty secret keeps the stored one)",
    { permission: "credentials:write" },
  ),
  deleteIntegrationCredential: op(
    "DELETE",
    `${ENV}/integration-credentials/{credentialId}`,
    "Integration credentials",
    "Delete an integration credential that nothing uses",
    { permission: "credentials:write" },
  ),
  getIntegrationCredentialJwks: op(
    "GET",
    `${ENV}/integration-credentials/{credentialId}/jwks`,
    "Integration credentials",
    "Retrieve a key-pair credential's hosted JWKS: whether it is published, its URL and the keys in it",
    { permission: "credentials:read" },
  ),
  setIntegrationCredentialJwks: op(
    "POST",
    `${ENV}/integration-credentials/{credentialId}/jwks`,
    "Integration credentials",
    "Publish a key-pair credential's public keys at its JWKS URL, or stop publishing them",
    { permission: "credentials:write" },
  ),
  rotateIntegrationCredentialKeyPair: op(
    "POST",
    `${ENV}/integration-credentials/{credentialId}/rotate-key-pair`,
    "Integration credentials",
    "Rotate a key-pair credential's key pair (the previous public key stays published for the overlap)",
    { permission: "credentials:write" },
  ),
  setIntegrationCredentialSecretExpiry: op(
    "POST",
    `${ENV}/integration-credentials/{credentialId}/secret-expiry`,
    "Integration credentials",
    "Set or clear the date the credential's secret expires at its provider",
    { permission: "credentials:write" },
  ),
  sendRequest: op(
    "POST",
    `${ENV}/requests`,
    "Requests",
    "Send a request, optionally with a saved credential (within its allowed destinations)",
    { permission: "requests:send" },
  ),
  listWebhookEndpoints: op("GET", `${ENV}/webhook-endpoints`, "Webhooks", "List webhook endpoints", {
    permission: "webhooks:read",
  }),
  createWebhookEndpoint: op(
    "POST",
    `${ENV}/webhook-endpoints`,
    "Webhooks",
    "Create a webhook endpoint (the answer holds its signing secret, the only time it is shown)",
    { permission: "webhooks:write" },
  ),
  getWebhookEndpoint: op(
    "GET",
    `${ENV}/webhook-endpoints/{endpointId}`,
    "Webhooks",
    "Retrieve a webhook endpoint",
    {
      permission: "webhooks:read",
    },
  ),
  updateWebhookEndpoint: op(
    "PATCH",
    `${ENV}/webhook-endpoints/{endpointId}`,
    "Webhooks",
    "Update a webhook endpoint (name, URL, event types, credential, description, enabled/paused)",
    { permission: "webhooks:write" },
  ),
  deleteWebhookEndpoint: op(
    "DELETE",
    `${ENV}/webhook-endpoints/{endpointId}`,
    "Webhooks",
    "Delete a webhook endpoint and its delivery history",
    { permission: "webhooks:write" },
  ),
  rotateWebhookEndpointSecret: op(
    "POST",
    `${ENV}/webhook-endpoints/{endpointId}/rotate-secret`,
    "Webhooks",
    "Rotate an endpoint's signing secret (the old one also signs for 24 hours)",
    { permission: "webhooks:write" },
  ),
  listWebhookMessages: op(
    "GET",
    `${ENV}/webhook-endpoints/{endpointId}/messages`,
    "Webhooks",
    "List an endpoint's messages with every delivery attempt",
    { permission: "webhooks:read" },
  ),
  resendWebhookMessage: op(
    "POST",
    `${ENV}/webhook-endpoints/{endpointId}/messages/{messageId}/resend`,
    "Webhooks",
    "Send a message again (same webhook-id)",
    { permission: "webhooks:write" },
  ),
  getApiKeyPermissionUse: op(
    "GET",
    `${ENV}/api-keys/{clientId}/permission-use`,
    "API keys",
    "The permissions a key's calls of the last 30 days needed, beside those it holds (least privilege)",
    { permission: "api_keys:read" },
  ),
} as const satisfies Record<string, ApiOperation>;

export type OperationId = keyof typeof API_OPERATIONS;

/** The scope names an operation shows in OpenAPI `security` (a permission or a legacy role). */
export function operationScopes(operation: ApiOperation): string[] {
  return "permission" in operation.access ? [operation.access.permission] : [operation.access.legacyRole];
}

/** Legacy roles that may call an operation. */
export function legacyRolesFor(operation: ApiOperation): LegacyRole[] {
  const { access } = operation;
  return "permission" in access ? [...PERMISSIONS[access.permission].legacyRoles] : [access.legacyRole];
}
