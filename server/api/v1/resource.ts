import type { z } from "zod";
import type { Actor } from "../../../lib/auth/actor";
import type { JsonText } from "../../../lib/db/prepared";
import { deletedResponse, environmentParams } from "../../../lib/api-resources/schemas";
import type { OperationId } from "../../../lib/permissions/registry";
import { defineOperation, type OperationDefinition, type OperationInput } from "../operation";

// The five operations of a /v1 resource kept per environment (list, get, create, update,
// delete): a resource names its registry operations, schemas and service functions.

/** What a query or body schema parses to, as the operation's handler receives it. */
type Parsed<S extends z.ZodType> = OperationInput<undefined, S, undefined>["query"];

export function resourceOperations<
  Id extends string,
  Q extends z.ZodType,
  C extends z.ZodType,
  U extends z.ZodType,
>(spec: {
  operations: Record<"list" | "get" | "create" | "update" | "delete", OperationId>;
  /** The path parameter naming one item, e.g. `cardId`. */
  idParam: Id;
  params: z.ZodType<{ environmentId: number } & Record<Id, string>>;
  listQuery: Q;
  createBody: C;
  updateBody: U;
  response: z.ZodType;
  listResponse: z.ZodType;
  service: {
    /** The page as JSON text (`listJson` of the resource module). */
    list(actor: Actor, environmentId: number, query: Parsed<Q>): Promise<JsonText>;
    get(actor: Actor, environmentId: number, id: string): Promise<unknown>;
    create(actor: Actor, environmentId: number, body: Parsed<C>): Promise<unknown>;
    update(actor: Actor, environmentId: number, id: string, body: Parsed<U>): Promise<unknown>;
    remove(actor: Actor, environmentId: number, id: string): Promise<{ id: string }>;
  };
}): OperationDefinition[] {
  const { operations, idParam, params, service } = spec;
  return [
    defineOperation(operations.list, {
      params: environmentParams,
      query: spec.listQuery,
      response: spec.listResponse,
      jsonText: true,
      handler: ({ actor, params, query }) => service.list(actor, params.environmentId, query),
    }),
    defineOperation(operations.get, {
      params,
      response: spec.response,
      handler: async ({ actor, params }) => ({
        data: await service.get(actor, params.environmentId, params[idParam]),
      }),
    }),
    defineOperation(operations.create, {
      params: environmentParams,
      body: spec.createBody,
      response: spec.response,
      successStatus: 201,
      handler: async ({ actor, params, body }) => ({
        data: await service.create(actor, params.environmentId, body),
      }),
    }),
    defineOperation(operations.update, {
      params,
      body: spec.updateBody,
      response: spec.response,
      handler: async ({ actor, params, body }) => ({
        data: await service.update(actor, params.environmentId, params[idParam], body),
      }),
    }),
    defineOperation(operations.delete, {
      params,
      response: deletedResponse,
      handler: async ({ actor, params }) => ({
        data: await service.remove(actor, params.environmentId, params[idParam]),
      }),
    }),
  ];
}
