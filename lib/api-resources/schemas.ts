import { z } from "zod";
import { DEFAULT_UNUSED_MINUTES, unusedMinutesSchema } from "../api-keys/schemas";
import { createCredentialFields, updateCredentialFields } from "../credentials/schemas";

// Request and response shapes of the public API's resources. The routes validate with them
// and the OpenAPI document derives its JSON Schemas from them (z.toJSONSchema).

const id = z.string().trim().min(1).max(64);
const isoDate = z.string().meta({ format: "date-time" });

export const environmentParams = z.object({
  environmentId: z.coerce.number().int().positive().max(2_147_483_647),
});
export const cardParams = environmentParams.extend({ cardId: id });
export const customerParams = environmentParams.extend({ customerId: id });
export const credentialParams = environmentParams.extend({ clientId: id });
export const integrationCredentialParams = environmentParams.extend({ credentialId: id });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: id.optional().describe("The `nextCursor` of the previous page"),
});

// ---- environments ----
export const environmentItem = z.object({
  id: z.number().int(),
  name: z.string(),
  created: isoDate,
  organisationName: z.string(),
});
export const environmentsResponse = z.object({ environments: z.array(environmentItem) });

// ---- credentials (legacy auth keys manage workbench/events keys) ----
export const createCredentialBody = z.object({
  role: z.enum(["workbench", "events"], { error: 'role must be "workbench" or "events"' }),
  name: z.string().trim().min(1).max(100).optional(),
});
export const rotateCredentialBody = z
  .object({
    grace: z
      .enum(["none", "1h", "24h", "7d", "until_unused"])
      .default("none")
      .describe(
        'How long the previous secret keeps working. "until_unused": until it has not been used for `unusedMinutes` (at most 7 days)',
      ),
    unusedMinutes: unusedMinutesSchema
      .default(DEFAULT_UNUSED_MINUTES)
      .describe('With grace "until_unused": minutes without a request that end the grace (1 to 10080)'),
  })
  .default({ grace: "none", unusedMinutes: DEFAULT_UNUSED_MINUTES });
export const credentialSecretResponse = z.object({
  data: z.object({ clientId: z.string(), clientSecret: z.string() }),
});
export const credentialIdResponse = z.object({ data: z.object({ clientId: z.string() }) });

// ---- cards ----
export const CARD_STATUSES = ["active", "archived"] as const;
export const card = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  status: z.enum(CARD_STATUSES),
  customerId: z.string().nullable(),
  created: isoDate,
});
export const cardListQuery = pageQuery.extend({
  customerId: id.optional(),
  status: z.enum(CARD_STATUSES).optional(),
});
export const createCardBody = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000).optional(),
  customerId: id.optional(),
});
export const updateCardBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    body: z.string().max(10_000).nullable(),
    status: z.enum(CARD_STATUSES),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one of title, body, status");
export const cardResponse = z.object({ data: card });
export const cardListResponse = z.object({ data: z.array(card), nextCursor: z.string().nullable() });
export const deletedResponse = z.object({ data: z.object({ id: z.string() }) });

// ---- customers ----
export const customer = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  created: isoDate,
});
export const createCustomerBody = z.object({
  externalId: z.string().trim().min(1).max(200),
  name: z.string().trim().max(200).optional(),
  email: z.email().max(320).optional(),
});
export const updateCustomerBody = z
  .object({ name: z.string().trim().max(200).nullable(), email: z.email().max(320).nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one of name, email");
export const customerResponse = z.object({ data: customer });
export const customerListResponse = z.object({ data: z.array(customer), nextCursor: z.string().nullable() });

// ---- events ----
export const sendEventBody = z.object({
  customerExternalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe("Created when the environment has no such customer yet"),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000).optional(),
});
export const eventResponse = z.object({ data: z.object({ card, customer }) });

// ---- integration credentials (metadata only: secrets are write-only) ----
export const lastUse = z
  .object({
    at: isoDate,
    by: z.object({ type: z.enum(["console", "api_key", "integration"]).or(z.string()), label: z.string() }),
    destination: z.string().nullable(),
    ok: z.boolean().nullable(),
    summary: z.string().nullable(),
  })
  .describe("The last use of the credential: when, by what, where to, and how it went");
export const integrationCredential = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  version: z.number().int(),
  allowedDestinations: z.array(z.string()),
  created: isoDate,
  updated: isoDate,
  lastTestedAt: isoDate.nullable(),
  lastTestOk: z.boolean().nullable(),
  lastUsedAt: isoDate.nullable(),
  lastUse: lastUse.nullable(),
});
export const integrationCredentialsResponse = z.object({ data: z.array(integrationCredential) });
export const integrationCredentialResponse = z.object({ data: integrationCredential });
/** The console form's own schema for the type, plus `allowedDestinations`. */
export const createIntegrationCredentialBody = createCredentialFields;
/** The same fields; an empty (or left out) secret keeps the stored one. */
export const updateIntegrationCredentialBody = updateCredentialFields;

// ---- requests (Send Request) ----
export { sendRequestBody } from "../requests/schemas";
export const sentResponseBody = z.object({
  data: z.object({
    status: z.number().int(),
    statusText: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().describe("UTF-8 text, or base64 when bodyEncoding is base64"),
    bodyEncoding: z.enum(["utf8", "base64"]),
    bodyBytes: z.number().int(),
    truncated: z.boolean(),
    timings: z.object({
      dnsMs: z.number().nullable(),
      connectMs: z.number().nullable(),
      tlsMs: z.number().nullable(),
      firstByteMs: z.number().nullable(),
      totalMs: z.number(),
    }),
    redirects: z.array(z.object({ url: z.string(), status: z.number().int(), location: z.string() })),
  }),
});

export type CardView = z.infer<typeof card>;
export type CustomerView = z.infer<typeof customer>;
