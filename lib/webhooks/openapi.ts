import { z } from "zod";
import { EVENT_CATALOGUE, EVENT_TYPES, TEST_EVENT_TYPE } from "./catalogue";
import { EVENT_DATA_SCHEMAS, eventPayloadSchema } from "./payloads";

// The OpenAPI 3.1 `webhooks` section: one entry per event type of the catalogue (and the test
// event), with its payload's JSON Schema and the Standard Webhooks headers every delivery carries.

const HEADERS = {
  "webhook-id": {
    description: "The message id (msg_…): the same on every attempt of a message; deduplicate on it.",
    schema: { type: "string" },
    required: true,
  },
  "webhook-timestamp": {
    description: "Unix seconds when this attempt was signed.",
    schema: { type: "string" },
    required: true,
  },
  "webhook-signature": {
    description:
      "Space-separated `v1,<base64 HMAC-SHA256>` signatures of `id.timestamp.body` with the endpoint's signing secret (two for 24 h after a rotation). Verify with any Standard Webhooks library.",
    schema: { type: "string" },
    required: true,
  },
};

export function webhooksSection(): Record<string, unknown> {
  const types = [...EVENT_TYPES, TEST_EVENT_TYPE] as const;
  return Object.fromEntries(
    types.map((type) => {
      const schema = z.toJSONSchema(eventPayloadSchema(type), {
        target: "draft-2020-12",
        io: "output",
        unrepresentable: "any",
      }) as Record<string, unknown>;
      delete schema.$schema;
      const info = type === TEST_EVENT_TYPE ? null : EVENT_CATALOGUE[type];
      return [
        type,
        {
          post: {
            operationId: `webhook:${type}`,
            summary: info ? info.description : "A test event sent by Send test event (any subscription).",
            tags: [info ? `Webhooks: ${info.group}` : "Webhooks: Test"],
            parameters: Object.entries(HEADERS).map(([name, header]) => ({ name, in: "header", ...header })),
            requestBody: { required: true, content: { "application/json": { schema } } },
            responses: {
              "2XX": { description: "Delivered. Anything else (3xx included) is retried on the schedule." },
            },
          },
        },
      ];
    }),
  );
}

export type EventField = { name: string; type: string };

/** The top-level fields of an event type's `data`, for the API reference page. */
export function eventDataFields(type: (typeof EVENT_TYPES)[number]): EventField[] {
  const schema = z.toJSONSchema(EVENT_DATA_SCHEMAS[type], { io: "output", unrepresentable: "any" }) as {
    properties?: Record<string, { type?: string | string[]; anyOf?: { type?: string }[]; format?: string }>;
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const types = property.anyOf
      ? property.anyOf.map((option) => option.type ?? "object")
      : Array.isArray(property.type)
        ? property.type
        : [property.type ?? "object"];
    return { name, type: types.join(" | ") };
  });
}
