import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { assertEnvironment } from "../organisations/access";
import { DomainError } from "../result";
import {
  endpointFields,
  endpointIdInput,
  endpointDescription,
  endpointEventTypes,
  endpointName,
  endpointUrl,
  eventTypeSchema,
  MESSAGE_STATUSES,
  messageIdInput,
} from "./schemas";
import {
  createEndpoint,
  deleteEndpoint,
  ENDPOINT_NOT_FOUND,
  getEndpoint,
  listEndpoints,
  listMessages,
  resendMessage,
  rotateEndpointSecret,
  setEndpointStatus,
  updateEndpoint,
} from "./service";
import { apiEndpointView, apiMessageView } from "./views";

// /v1/{environmentId}/webhook-endpoints: the request and response shapes (the OpenAPI document
// derives its schemas from them) and the service calls, each kept inside the path's environment.

const isoDate = z.string().meta({ format: "date-time" });

export const webhookEndpointParams = z.object({
  environmentId: z.coerce.number().int().positive().max(2_147_483_647),
  endpointId: endpointIdInput,
});
export const webhookMessageParams = webhookEndpointParams.extend({ messageId: messageIdInput });

export const createWebhookEndpointBody = endpointFields;
export const updateWebhookEndpointBody = z
  .object({
    name: endpointName,
    url: endpointUrl,
    eventTypes: endpointEventTypes,
    credentialId: z.string().trim().max(100).nullable().describe("null removes the credential"),
    description: endpointDescription.nullable(),
    status: z.enum(["enabled", "paused"]).describe("paused: messages queue until enabled again"),
    version: z
      .number()
      .int()
      .positive()
      .describe("Refuse the update (409) unless this is the stored version"),
  })
  .partial()
  .refine((v) => Object.keys(v).some((key) => key !== "version"), "Send at least one field to change");

export const webhookMessagesQuery = z.object({
  status: z.enum(MESSAGE_STATUSES).optional().describe("failed: only the messages that gave up"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: messageIdInput.optional().describe("The `nextCursor` of the previous page"),
});

export const webhookEndpoint = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(eventTypeSchema.or(z.string())),
  credentialId: z.string().nullable(),
  status: z.enum(["enabled", "paused", "disabled"]),
  disabledReason: z.string().nullable(),
  lastDeliveryAt: isoDate.nullable(),
  lastDeliveryOk: z.boolean().nullable(),
  version: z.number().int(),
  created: isoDate,
  updated: isoDate,
});
export const webhookEndpointResponse = z.object({ data: webhookEndpoint });
export const webhookEndpointWithSecretResponse = z.object({
  data: webhookEndpoint.extend({
    secret: z.string().describe("The signing secret (whsec_…): returned only here, never again"),
  }),
});
export const webhookEndpointsResponse = z.object({ data: z.array(webhookEndpoint) });

const attempt = z.object({
  id: z.string(),
  trigger: z.string(),
  ok: z.boolean(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  request: z
    .object({
      method: z.string().optional(),
      url: z.string().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    })
    .describe("The request as sent, secrets redacted"),
  responseExcerpt: z.string().nullable(),
  created: isoDate,
});
export const webhookMessage = z.object({
  id: z.string().describe("The webhook-id header of every attempt"),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  attemptCount: z.number().int(),
  nextAttemptAt: isoDate.nullable(),
  created: isoDate,
  payload: z.unknown().describe('The body sent: { "type", "timestamp", "data" }'),
  attempts: z.array(attempt),
});
export const webhookMessagesResponse = z.object({
  data: z.array(webhookMessage),
  nextCursor: z.string().nullable(),
});
export const webhookMessageResponse = z.object({ data: webhookMessage });

/** The endpoint must be one of the path's environment (another's counts as not found). */
async function inEnvironment(actor: Actor, environmentId: number, id: string) {
  await assertEnvironment(actor, environmentId);
  const endpoint = await getEndpoint(actor, id);
  if (endpoint.environmentId !== environmentId) throw new DomainError(ENDPOINT_NOT_FOUND, "not_found");
  return endpoint;
}

export async function apiListEndpoints(actor: Actor, environmentId: number) {
  const page = await listEndpoints(actor, { environmentId, pageSize: 100 });
  return page.items.map(apiEndpointView);
}

export async function apiGetEndpoint(actor: Actor, environmentId: number, id: string) {
  return apiEndpointView(await inEnvironment(actor, environmentId, id));
}

export async function apiCreateEndpoint(
  actor: Actor,
  environmentId: number,
  body: z.output<typeof createWebhookEndpointBody>,
) {
  const { endpoint, secret } = await createEndpoint(actor, { environmentId, endpoint: body });
  return { ...apiEndpointView(endpoint), secret };
}

export async function apiUpdateEndpoint(
  actor: Actor,
  environmentId: number,
  id: string,
  body: z.output<typeof updateWebhookEndpointBody>,
) {
  const current = await inEnvironment(actor, environmentId, id);
  const { status, version, ...fields } = body;
  let view = current;
  if (Object.keys(fields).length > 0)
    view = await updateEndpoint(actor, { id, expectedVersion: version, endpoint: fields });
  else if (version !== undefined && version !== current.version)
    throw new DomainError("The endpoint was changed since that version; read it again.", "conflict");
  if (status !== undefined) view = await setEndpointStatus(actor, { id, status });
  return apiEndpointView(view);
}

export async function apiDeleteEndpoint(actor: Actor, environmentId: number, id: string) {
  await inEnvironment(actor, environmentId, id);
  const { id: deleted } = await deleteEndpoint(actor, { id });
  return { id: deleted };
}

export async function apiRotateSecret(actor: Actor, environmentId: number, id: string) {
  await inEnvironment(actor, environmentId, id);
  const { endpoint, secret } = await rotateEndpointSecret(actor, { id });
  return { ...apiEndpointView(endpoint), secret };
}

export async function apiListMessages(
  actor: Actor,
  environmentId: number,
  id: string,
  query: z.output<typeof webhookMessagesQuery>,
) {
  await inEnvironment(actor, environmentId, id);
  const page = await listMessages(actor, { id, ...query });
  return { data: page.data.map(apiMessageView), nextCursor: page.nextCursor };
}

export async function apiResendMessage(actor: Actor, environmentId: number, id: string, messageId: string) {
  await inEnvironment(actor, environmentId, id);
  return apiMessageView(await resendMessage(actor, { id, messageId }));
}
