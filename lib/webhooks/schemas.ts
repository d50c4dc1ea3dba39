// The single definition of webhook endpoint input: the console form validates with it, the
// server actions parse with it again and the /v1 routes derive their bodies from it.
// Client-safe: no Node imports.
import { z } from "zod";
import { isHttpUrl } from "../credentials/field-rules";
import { pageNumber } from "../pagination";
import { EVENT_TYPES } from "./catalogue";

export const ENDPOINT_STATUSES = ["enabled", "paused", "disabled"] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

export const MESSAGE_STATUSES = ["pending", "succeeded", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const environmentIdInput = z.number().int().positive();
export const eventTypeSchema = z.enum(EVENT_TYPES);

export const endpointIdInput = z.string().trim().min(1).max(100);
export const messageIdInput = z.string().trim().min(1).max(100);

export const endpointName = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const endpointUrl = z
  .string({ error: "Enter the URL deliveries are sent to." })
  .trim()
  .min(1, "Enter the URL deliveries are sent to.")
  .max(2048, "Use at most 2048 characters.")
  .refine(isHttpUrl, "Enter an http:// or https:// URL (without a user name or password).");

export const endpointEventTypes = z
  .array(eventTypeSchema, { error: `Choose event types from: ${EVENT_TYPES.join(", ")}.` })
  .min(1, "Choose at least one event type.")
  .max(EVENT_TYPES.length)
  .transform((types) => EVENT_TYPES.filter((type) => types.includes(type)));

export const endpointDescription = z.string().trim().max(500, "Use at most 500 characters.");

/** The endpoint form's fields (create and edit). An empty credential means "none". */
export const endpointFields = z.object({
  name: endpointName,
  url: endpointUrl,
  eventTypes: endpointEventTypes,
  credentialId: z.string().trim().max(100).optional(),
  description: endpointDescription.optional(),
});
export type EndpointFormValues = z.input<typeof endpointFields>;
export type EndpointFields = z.output<typeof endpointFields>;

export const createEndpointInput = z.object({ environmentId: environmentIdInput, endpoint: endpointFields });
export type CreateEndpointInput = z.input<typeof createEndpointInput>;

/** A partial update; `expectedVersion` refuses to overwrite someone else's newer edit. */
export const updateEndpointInput = z.object({
  id: endpointIdInput,
  expectedVersion: z.number().int().positive().optional(),
  endpoint: z
    .object({
      name: endpointName,
      url: endpointUrl,
      eventTypes: endpointEventTypes,
      // null removes the credential.
      credentialId: z.string().trim().max(100).nullable(),
      description: endpointDescription.nullable(),
    })
    .partial(),
});
export type UpdateEndpointInput = z.input<typeof updateEndpointInput>;

export const endpointIdOnly = z.object({ id: endpointIdInput });
export const deleteEndpointInput = z.object({ id: endpointIdInput, confirmName: z.string().optional() });
export const setEndpointStatusInput = z.object({
  id: endpointIdInput,
  status: z.enum(["enabled", "paused"]),
});
export const resendMessageInput = z.object({ id: endpointIdInput, messageId: messageIdInput });
export const replayFailedInput = z.object({
  id: endpointIdInput,
  since: z.coerce
    .date({ error: "Enter a date and time." })
    .refine((date) => !Number.isNaN(date.getTime()), "Enter a date and time."),
});

export const listEndpointsInput = z.object({
  environmentId: environmentIdInput,
  page: pageNumber,
  pageSize: z.number().int().min(1).max(100).optional(),
});

export const listMessagesInput = z.object({
  id: endpointIdInput,
  status: z.enum(MESSAGE_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: messageIdInput.optional(),
});
export type ListMessagesInput = z.input<typeof listMessagesInput>;
