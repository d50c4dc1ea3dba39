import { describe, expect, it } from "vitest";
import { API_OPERATIONS, operationScopes, type OperationId } from "../../lib/permissions/registry";
import { buildOpenApiDocument, ENVIRONMENT_PATH_PARAMETER } from "./openapi";
import { fastifyPath } from "./operation";
import { V1_OPERATIONS } from "./v1";

type OpenApiOperation = {
  security: { oAuth2: string[] }[];
  "x-legacy-roles": string[];
  responses: Record<string, unknown>;
};

describe("the /v1 routes and the permission registry", () => {
  it("match one to one: every registered operation has a route and every route a registry entry", () => {
    const routed = V1_OPERATIONS.map((d) => d.id).sort();
    expect(routed).toEqual((Object.keys(API_OPERATIONS) as OperationId[]).sort());
    for (const definition of V1_OPERATIONS) expect(definition.operation).toBe(API_OPERATIONS[definition.id]);
  });

  it("translate OpenAPI paths to Fastify paths", () => {
    expect(fastifyPath("/v1/{environmentId}/cards/{cardId}")).toBe("/v1/:environmentId/cards/:cardId");
  });

  it("publish every operation in OpenAPI 3.1 with the registry's oAuth2 scope and zod-derived schemas", () => {
    const document = buildOpenApiDocument(V1_OPERATIONS) as {
      openapi: string;
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    expect(document.openapi).toBe("3.1.0");
    for (const [id, operation] of Object.entries(API_OPERATIONS)) {
      const published = document.paths[operation.path]?.[operation.method.toLowerCase()];
      expect(published, id).toBeDefined();
      expect(published.security).toEqual([{ oAuth2: operationScopes(operation) }]);
    }
    const listCards = document.paths["/v1/{environmentId}/cards"].get;
    expect(listCards.security).toEqual([{ oAuth2: ["cards:read"] }]);
    expect(listCards["x-legacy-roles"]).toEqual(["workbench", "events"]);
    expect(JSON.stringify(listCards.responses["200"])).toContain('"title"');
    const createCard = document.paths["/v1/{environmentId}/cards"].post as unknown as {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    };
    expect(createCard.requestBody.content["application/json"].schema.required).toEqual(["title"]);
  });

  it("describes every environmentId path parameter as an id or a name (/v1 accepts both)", () => {
    const document = buildOpenApiDocument(V1_OPERATIONS) as {
      paths: Record<
        string,
        Record<string, { parameters: { name?: string; in?: string; schema?: unknown }[] }>
      >;
    };
    let seen = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      if (!path.includes("{environmentId}")) continue;
      for (const operation of Object.values(methods)) {
        const parameter = operation.parameters.find((p) => p.name === "environmentId" && p.in === "path");
        expect(parameter?.schema, path).toEqual(ENVIRONMENT_PATH_PARAMETER);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(ENVIRONMENT_PATH_PARAMETER).toMatchObject({ type: "string" });
    const pattern = new RegExp(ENVIRONMENT_PATH_PARAMETER.pattern as string);
    expect(["1", "production", "staging-eu"].every((ref) => pattern.test(ref))).toBe(true);
    expect(pattern.test("a/b")).toBe(false);
  });
});
