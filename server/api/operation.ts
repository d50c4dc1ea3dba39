import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import {
  accessName,
  recordPermissionUse,
  recordUsage,
  type RateDecision,
  type RateLimiter,
  type RateLimitRule,
} from "../../lib/api-keys";
import { API_OPERATIONS, type ApiOperation, type OperationId } from "../../lib/permissions/registry";
import { authenticate, environmentRefusal, type Authenticated } from "./auth";
import { problem, sendProblem, zodProblem } from "./errors";
import { noteRefusal } from "./refusals";
import { UNSTORABLE_TEXT, unstorableTextPath } from "../../lib/storable-text";
import type { JsonText } from "../../lib/db/prepared";
import { environmentIdByName, isEnvironmentId } from "../../lib/organisations/environment-ref";

// A /v1 route is an operation of the permission registry plus its zod schemas and a handler.
// Method, path and required permission come from the registry, so a route cannot exist without
// declaring its permission; the OpenAPI document is generated from the same definitions.

type Schema = z.ZodType | undefined;
type Output<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export type OperationInput<P extends Schema, Q extends Schema, B extends Schema> = Authenticated & {
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
};

/** Operation-level rate limits per API key (configured in buildApi). */
export type OperationRateLimits = { sendRequest: RateLimitRule };
export type OperationContext = { limiter: RateLimiter; limits: OperationRateLimits };

export type OperationDefinition = {
  id: OperationId;
  /** Counted per key against this limit after authentication (429 with Retry-After when over). */
  rateLimit?: keyof OperationRateLimits;
  operation: ApiOperation;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  successStatus: number;
  /** The handler resolves to JSON already written (`JsonText`), sent as its text. */
  jsonText: boolean;
  handler: (input: OperationInput<Schema, Schema, Schema>) => Promise<unknown>;
};

export function defineOperation<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(
  id: OperationId,
  spec: {
    params?: P;
    query?: Q;
    body?: B;
    response: z.ZodType;
    successStatus?: number;
    rateLimit?: keyof OperationRateLimits;
    jsonText?: boolean;
    handler: (input: OperationInput<P, Q, B>) => Promise<unknown>;
  },
): OperationDefinition {
  return {
    id,
    rateLimit: spec.rateLimit,
    operation: API_OPERATIONS[id],
    params: spec.params,
    query: spec.query,
    body: spec.body,
    response: spec.response,
    successStatus: spec.successStatus ?? 200,
    jsonText: spec.jsonText ?? false,
    handler: spec.handler as OperationDefinition["handler"],
  };
}

export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  where: "path" | "query" | "body",
  reply: FastifyReply,
) {
  if (!schema) return { ok: true as const, data: undefined };
  // Text no column can hold (an unpaired surrogate, NUL — "%00" in a path or query included) is
  // a field error, not a failed query.
  const unstorable = unstorableTextPath(value);
  if (unstorable !== null) {
    const key = [where, ...(unstorable ? [unstorable] : [])].join(".");
    sendProblem(
      reply,
      problem(400, "invalid_input", `${key}: ${UNSTORABLE_TEXT}`, { [key]: UNSTORABLE_TEXT }),
    );
    return { ok: false as const };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    sendProblem(reply, zodProblem(parsed.error, where));
    return { ok: false as const };
  }
  return { ok: true as const, data: parsed.data };
}

type Named = { ok: true; params: unknown } | { ok: false };

/**
 * /v1 paths name an environment by id or, as the console's URLs do, by name: a name is resolved
 * within the key's organisation (ids cost nothing, not even a promise; a name one cached lookup).
 */
function environmentByName(
  params: unknown,
  auth: Authenticated,
  reply: FastifyReply,
): Named | Promise<Named> {
  const ref = (params as { environmentId?: unknown } | undefined)?.environmentId;
  if (typeof ref !== "string" || ref === "" || ref.length > 100 || isEnvironmentId(ref))
    return { ok: true, params };
  if (unstorableTextPath(ref) !== null) return { ok: true, params }; // the path check answers it
  return environmentIdByName(auth.key.organisationId, ref).then((id): Named => {
    if (id !== null) return { ok: true, params: { ...(params as object), environmentId: String(id) } };
    sendProblem(
      reply,
      problem(
        404,
        "not_found",
        `There is no environment named "${ref}" here. Use its name or id, e.g. /v1/${auth.key.environmentId}/… for this key's environment.`,
      ),
    );
    return { ok: false };
  });
}

type Run = {
  definition: OperationDefinition;
  access: string;
  context: OperationContext | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
};

// A request's steps, each continuing at once when the previous one answered without a promise
// (the usual case once a key is warm): authentication, the key's rate limit, the environment
// named in the path, then the handler. Undefined: a refusal has been sent.
function run(r: Run): Promise<unknown> | undefined {
  const auth = authenticate(r.request, r.reply, r.definition.operation);
  if (auth instanceof Promise) return auth.then((loaded) => (loaded ? limited(r, loaded) : undefined));
  return auth ? limited(r, auth) : undefined;
}

function limited(r: Run, auth: Authenticated): Promise<unknown> | undefined {
  const { definition, context, request, reply } = r;
  if (!definition.rateLimit || !context) return named(r, auth);
  const decision = context.limiter.hit(
    `op:${definition.id}:${auth.key.id}`,
    context.limits[definition.rateLimit],
  );
  const decided = (d: RateDecision) => {
    if (d.allowed) return named(r, auth);
    recordUsage(auth.key.id, "status429");
    noteRefusal({ keyId: auth.key.id }, request, 429, "rate_limited", "Too many requests from this key");
    void reply.header("retry-after", String(d.retryAfterSeconds));
    sendProblem(
      reply,
      problem(429, "too_many_requests", "Too many requests from this key; retry after the time given"),
    );
    return undefined;
  };
  return decision instanceof Promise ? decision.then(decided) : decided(decision);
}

function named(r: Run, auth: Authenticated): Promise<unknown> | undefined {
  const resolved = environmentByName(r.request.params, auth, r.reply);
  if (resolved instanceof Promise)
    return resolved.then((n) => (n.ok ? handle(r, auth, n.params) : undefined));
  return resolved.ok ? handle(r, auth, resolved.params) : undefined;
}

function handle(r: Run, auth: Authenticated, pathParams: unknown): Promise<unknown> | undefined {
  const { definition, access, request, reply } = r;
  const params = parsePart(definition.params, pathParams, "path", reply);
  if (!params.ok) return undefined;
  const environmentId = (params.data as { environmentId?: number } | undefined)?.environmentId;
  if (environmentId !== undefined && environmentRefusal(reply, auth, environmentId)) return undefined;
  recordPermissionUse(auth.key.id, access); // what the key's calls need: the key page's least privilege
  const query = parsePart(definition.query, request.query, "query", reply);
  if (!query.ok) return undefined;
  // An empty body with a schema is parsed as {} so all-optional bodies may be omitted.
  const body = parsePart(definition.body, request.body ?? {}, "body", reply);
  if (!body.ok) return undefined;
  // Fastify sends what the handler's promise resolves to; an error replaces the status with its own.
  if (definition.successStatus !== 200) void reply.code(definition.successStatus);
  // Written out, not `{ ...auth, … }`: on Node 20 an object spread takes 1–4 µs (a literal
  // ~20 ns), about a third of an authenticated GET /v1/environments.
  const { key, scope, actor } = auth;
  const result = definition.handler({
    key,
    scope,
    actor,
    params: params.data,
    query: query.data,
    body: body.data,
  });
  if (!definition.jsonText) return result;
  // JSON its data module wrote (a list page, written by the database) is sent as its text.
  return result.then((json) => {
    void reply.type("application/json; charset=utf-8");
    return (json as JsonText).text;
  });
}

export function registerOperations(
  api: FastifyInstance,
  definitions: readonly OperationDefinition[],
  context?: OperationContext,
): void {
  for (const definition of definitions) {
    const access = accessName(definition.operation.access);
    api.route({
      method: definition.operation.method,
      url: fastifyPath(definition.operation.path),
      handler: (request, reply) => run({ definition, access, context, request, reply }),
    });
  }
}
