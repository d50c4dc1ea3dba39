import { z } from "zod";
import {
  LEGACY_ROLE_DESCRIPTIONS,
  LEGACY_ROLES,
  PERMISSION_NAMES,
  PERMISSIONS,
  legacyRolesFor,
  operationScopes,
} from "../../lib/permissions/registry";
import { webhooksSection } from "../../lib/webhooks/openapi";
import type { OperationDefinition } from "./operation";

// GET /v1/openapi.json: OpenAPI 3.1, generated from the permission registry (method, path,
// `security: oAuth2: [permission]`, legacy roles) and the operations' zod schemas.

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete out.$schema;
  return out;
}

/**
 * The environment in a /v1 path: its id or its name, as the console's URLs say it (names are
 * resolved in the key's organisation before the operation's own schema sees the id).
 */
export const ENVIRONMENT_PATH_PARAMETER: JsonSchema = {
  type: "string",
  minLength: 1,
  maxLength: 100,
  pattern: "^[^/]+$",
  description: 'The environment\'s id (e.g. "1") or its name (e.g. "production").',
  examples: ["production", "1"],
};

function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, "input");
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, declared]) => {
    const property = location === "path" && name === "environmentId" ? ENVIRONMENT_PATH_PARAMETER : declared;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      schema: property,
      ...(typeof property.description === "string" ? { description: property.description } : {}),
    };
  });
}

const PROBLEM = { $ref: "#/components/responses/Problem" };

function operationObject(definition: OperationDefinition): JsonSchema {
  const { operation } = definition;
  return {
    operationId: definition.id,
    summary: operation.summary,
    tags: [operation.tag],
    security: [{ oAuth2: operationScopes(operation) }],
    "x-legacy-roles": legacyRolesFor(operation),
    parameters: [
      ...parameters(definition.params, "path"),
      ...parameters(definition.query, "query"),
      { $ref: "#/components/parameters/UserAgent" },
    ],
    ...(definition.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(definition.body, "input") } },
          },
        }
      : {}),
    responses: {
      [String(definition.successStatus)]: {
        description: "Success",
        content: { "application/json": { schema: jsonSchema(definition.response, "output") } },
      },
      "400": PROBLEM,
      "401": PROBLEM,
      "403": PROBLEM,
      "404": PROBLEM,
    },
  };
}

const components = {
  securitySchemes: {
    oAuth2: {
      type: "oauth2",
      description:
        "Client credentials of an API key (Configuration > API keys). Access tokens live 1 hour, refresh tokens 30 days.",
      flows: {
        clientCredentials: {
          tokenUrl: "/oauth2/token",
          refreshUrl: "/oauth2/token",
          scopes: {
            ...Object.fromEntries(PERMISSION_NAMES.map((p) => [p, PERMISSIONS[p].description])),
            ...Object.fromEntries(
              LEGACY_ROLES.map((r) => [r, `Legacy role: ${LEGACY_ROLE_DESCRIPTIONS[r]}`]),
            ),
          },
        },
      },
    },
  },
  parameters: {
    UserAgent: { name: "User-Agent", in: "header", required: true, schema: { type: "string", minLength: 1 } },
  },
  responses: {
    Problem: {
      description: "An RFC 7807 problem document saying why the request failed",
      content: {
        "application/problem+json": {
          schema: {
            type: "object",
            required: ["type", "title", "status", "detail"],
            properties: {
              type: { type: "string" },
              title: { type: "string" },
              status: { type: "integer" },
              detail: { type: "string" },
              code: { type: "string" },
              errors: { type: "object", additionalProperties: { type: "string" } },
            },
          },
        },
      },
    },
  },
};

export function buildOpenApiDocument(definitions: readonly OperationDefinition[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {
    "/v1/health": {
      get: {
        operationId: "health",
        summary: "Health check",
        security: [],
        responses: { "200": { description: "OK" } },
      },
    },
    "/v1/ready": {
      get: {
        operationId: "ready",
        summary: "Readiness: the database answers and is migrated",
        security: [],
        responses: {
          "200": { description: "Ready" },
          "503": { description: "Not ready (database unavailable or migrations pending)" },
        },
      },
    },
  };
  for (const definition of definitions) {
    const { path, method } = definition.operation;
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operationObject(definition);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Workbench API",
      version: "1.0.0",
      description:
        "Authenticate with POST /oauth2/token (client credentials) and send the access token as a Bearer token.",
    },
    servers: [{ url: "/" }],
    paths,
    // What Workbench sends to webhook endpoints: one entry per event type (lib/webhooks/catalogue).
    webhooks: webhooksSection(),
    components,
  };
}
