/**
 * Every event type Workbench emits, with what it means. One registry: the endpoint form's checklist,
 * the input schemas, the OpenAPI `webhooks` section and the API reference all read it.
 * `webhook.test` is sent only by "Send test event" and cannot be subscribed to. Free of zod: the
 * form's checklist reads it at first paint (the schema `eventTypeSchema` is in ./schemas).
 */
export const EVENT_CATALOGUE = {
  "card.created": { group: "Cards", description: "A card was created (through /v1 or by an event)." },
  "card.updated": { group: "Cards", description: "A card's title, body, status or customer changed." },
  "card.deleted": { group: "Cards", description: "A card was deleted." },
  "customer.created": { group: "Customers", description: "A customer was created." },
  "customer.updated": { group: "Customers", description: "A customer's name or email changed." },
  "customer.deleted": { group: "Customers", description: "A customer was deleted." },
  "event.received": { group: "Events", description: "An event arrived on POST /v1/{environmentId}/events." },
  "api_key.created": { group: "API keys", description: "An API key was created." },
  "api_key.rotated": { group: "API keys", description: "An API key's secret was rotated." },
  "api_key.revoked": { group: "API keys", description: "An API key was revoked." },
  "api_key.expiring": {
    group: "API keys",
    description: "An API key expires in 7 days (sent once per key).",
  },
  "credential.test_failed": {
    group: "Credentials",
    description: "A live test of an integration credential failed.",
  },
  "credential.secret_expiring": {
    group: "Credentials",
    description:
      "A credential's secret expires at its provider in 14 days, then in 3 days (sent once at each, per expiry date).",
  },
} as const satisfies Record<string, { group: string; description: string }>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as [EventType, ...EventType[]];

/** Sent by "Send test event" to one endpoint, whatever it subscribes to. */
export const TEST_EVENT_TYPE = "webhook.test";

/** The body of every delivery: `{ "type", "timestamp", "data" }`. */
export type EventPayload = { type: string; timestamp: string; data: Record<string, unknown> };
