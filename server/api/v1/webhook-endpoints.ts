import { deletedResponse, environmentParams } from "../../../lib/api-resources/schemas";
import {
  apiCreateEndpoint,
  apiDeleteEndpoint,
  apiGetEndpoint,
  apiListEndpoints,
  apiListMessages,
  apiResendMessage,
  apiRotateSecret,
  apiUpdateEndpoint,
  createWebhookEndpointBody,
  updateWebhookEndpointBody,
  webhookEndpointParams,
  webhookEndpointResponse,
  webhookEndpointsResponse,
  webhookEndpointWithSecretResponse,
  webhookMessageParams,
  webhookMessageResponse,
  webhookMessagesQuery,
  webhookMessagesResponse,
} from "../../../lib/webhooks/api";
import { defineOperation } from "../operation";

// Webhook endpoints through the API: the console's service and rules (the signing secret is in
// the answers to create and rotate only; a credential must be of the environment and admit the URL).
export const webhookEndpointOperations = [
  defineOperation("listWebhookEndpoints", {
    params: environmentParams,
    response: webhookEndpointsResponse,
    handler: async ({ actor, params }) => ({ data: await apiListEndpoints(actor, params.environmentId) }),
  }),
  defineOperation("createWebhookEndpoint", {
    params: environmentParams,
    body: createWebhookEndpointBody,
    response: webhookEndpointWithSecretResponse,
    successStatus: 201,
    handler: async ({ actor, params, body }) => ({
      data: await apiCreateEndpoint(actor, params.environmentId, body),
    }),
  }),
  defineOperation("getWebhookEndpoint", {
    params: webhookEndpointParams,
    response: webhookEndpointResponse,
    handler: async ({ actor, params }) => ({
      data: await apiGetEndpoint(actor, params.environmentId, params.endpointId),
    }),
  }),
  defineOperation("updateWebhookEndpoint", {
    params: webhookEndpointParams,
    body: updateWebhookEndpointBody,
    response: webhookEndpointResponse,
    handler: async ({ actor, params, body }) => ({
      data: await apiUpdateEndpoint(actor, params.environmentId, params.endpointId, body),
    }),
  }),
  defineOperation("deleteWebhookEndpoint", {
    params: webhookEndpointParams,
    response: deletedResponse,
    handler: async ({ actor, params }) => ({
      data: await apiDeleteEndpoint(actor, params.environmentId, params.endpointId),
    }),
  }),
  defineOperation("rotateWebhookEndpointSecret", {
    params: webhookEndpointParams,
    response: webhookEndpointWithSecretResponse,
    handler: async ({ actor, params }) => ({
      data: await apiRotateSecret(actor, params.environmentId, params.endpointId),
    }),
  }),
  defineOperation("listWebhookMessages", {
    params: webhookEndpointParams,
    query: webhookMessagesQuery,
    response: webhookMessagesResponse,
    handler: ({ actor, params, query }) =>
      apiListMessages(actor, params.environmentId, params.endpointId, query),
  }),
  defineOperation("resendWebhookMessage", {
    params: webhookMessageParams,
    response: webhookMessageResponse,
    handler: async ({ actor, params }) => ({
      data: await apiResendMessage(actor, params.environmentId, params.endpointId, params.messageId),
    }),
  }),
];
