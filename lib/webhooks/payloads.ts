import { z } from "zod";
import { card, customer } from "../api-resources/schemas";
import { EVENT_CATALOGUE, TEST_EVENT_TYPE, type EventType } from "./catalogue";

// The `data` of each event type: the public view of the resource that changed (never a secret).
// The domain code builds it with the functions below; the OpenAPI `webhooks` section and the API
// reference page document it from the schemas.

const isoDate = z.string().meta({ format: "date-time" });

export const apiKeyEventData = z.object({
  id: z.string(),
  name: z.string(),
  clientId: z.string(),
  kind: z.enum(["fine_grained", "legacy"]),
  permissions: z.array(z.string()),
  role: z.string().nullable(),
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  created: isoDate,
});
export type ApiKeyEventData = z.infer<typeof apiKeyEventData>;

export const credentialTestFailedData = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  summary: z.string().describe("Why the test failed, in words (secrets redacted)"),
  testedAt: isoDate,
});

export const credentialSecretExpiringData = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  secretExpiresAt: isoDate.describe(
    "When the secret expires at the provider (the date set on the credential)",
  ),
  daysBefore: z.number().int().describe("The notice's threshold: 14, then 3 days before the expiry"),
  daysLeft: z.number().int().describe("Whole days left when the notice was sent"),
});

export const testEventData = z.object({
  endpointId: z.string(),
  endpointName: z.string(),
  message: z.string(),
});

/** One schema per catalogue type: a registry, so a new type cannot ship undocumented. */
export const EVENT_DATA_SCHEMAS = {
  "card.created": card,
  "card.updated": card,
  "card.deleted": card,
  "customer.created": customer,
  "customer.updated": customer,
  "customer.deleted": customer,
  "event.received": z.object({ card, customer }),
  "api_key.created": apiKeyEventData,
  "api_key.rotated": apiKeyEventData,
  "api_key.revoked": apiKeyEventData,
  "api_key.expiring": apiKeyEventData,
  "credential.test_failed": credentialTestFailedData,
  "credential.secret_expiring": credentialSecretExpiringData,
} as const satisfies Record<EventType, z.ZodType>;

/** The full body of a delivery of one type: `{ "type", "timestamp", "data" }`. */
export function eventPayloadSchema(type: EventType | typeof TEST_EVENT_TYPE): z.ZodType {
  const data = type === TEST_EVENT_TYPE ? testEventData : EVENT_DATA_SCHEMAS[type];
  const description =
    type === TEST_EVENT_TYPE ? "Sent by Send test event." : EVENT_CATALOGUE[type].description;
  return z.object({ type: z.literal(type), timestamp: isoDate, data }).describe(description);
}

type ApiKeyLike = {
  id: string;
  name: string;
  clientId: string;
  kind: string;
  permissions: readonly string[];
  role: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export function apiKeyData(key: ApiKeyLike): ApiKeyEventData {
  return {
    id: key.id,
    name: key.name,
    clientId: key.clientId,
    kind: key.kind === "legacy" ? "legacy" : "fine_grained",
    permissions: [...key.permissions],
    role: key.role,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    created: key.createdAt.toISOString(),
  };
}
