import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { DomainError } from "../../lib/result";
import { config } from "../../lib/config";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../../lib/db";
import { plainIssueMessage } from "./zod-messages";

// Error bodies of the public API. /v1/* answers RFC 7807 problem documents; /oauth2/* answers
// RFC 6749 §5.2 error objects. Unknown errors are logged and answered generically: no stack
// trace, raw message or secret ever reaches a client.

export type ProblemCode =
  | "bad_request"
  | "user_agent_required"
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "missing_permission"
  | "ip_not_allowed"
  | "wrong_role"
  | "wrong_environment"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "too_many_requests"
  | "unavailable"
  | "destination_unreachable"
  | "internal_error";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: Record<string, string>;
  /** This request's id, as in the X-Request-Id header and the server's log lines. */
  requestId?: string;
};

export function problem(
  status: number,
  code: ProblemCode,
  detail: string,
  errors?: Record<string, string>,
): Problem {
  return {
    type: `urn:workbench:problem:${code.replace(/_/g, "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  const requestId = String(reply.request.id);
  return reply
    .code(body.status)
    .header("x-request-id", requestId)
    .type("application/problem+json")
    .send({ ...body, requestId });
}

/** Field errors of a zod failure, keyed by dotted path. */
export function zodProblem(error: z.ZodError, where: "path" | "query" | "body"): Problem {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [where, ...issue.path.map(String)].join(".");
    errors[key] ??= plainIssueMessage(issue, where);
  }
  const first = Object.values(errors)[0];
  return problem(400, "invalid_input", first ?? `Invalid ${where}`, errors);
}

const DOMAIN_STATUS = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  unavailable: 503,
  upstream: 502,
} as const;
const DOMAIN_CODE = {
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
  invalid: "invalid_input",
  unavailable: "unavailable",
  upstream: "destination_unreachable",
} as const satisfies Record<DomainError["code"], ProblemCode>;

export function domainProblem(error: DomainError): Problem {
  return problem(DOMAIN_STATUS[error.code], DOMAIN_CODE[error.code], error.message, error.fieldErrors);
}

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "access_denied"
  | "slow_down"
  | "server_error"
  | "temporarily_unavailable";

export function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: OAuthErrorCode,
  description: string,
): FastifyReply {
  reply
    .code(status)
    .header("cache-control", "no-store")
    .header("pragma", "no-cache")
    .header("x-request-id", String(reply.request.id));
  if (status === 401) reply.header("www-authenticate", `Basic realm="workbench", error="${error}"`);
  return reply.type("application/json; charset=utf-8").send({ error, error_description: description });
}

function isOAuthRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/oauth2/");
}

const FASTIFY_CODES: Record<string, { status: number; code: ProblemCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "payload_too_large",
    detail: "The request body is too large",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    detail: "Send a JSON body (Content-Type: application/json)",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "bad_request", detail: "The JSON body is empty" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "bad_request",
    detail: "Content-Length does not match the body",
  },
};

/**
 * Errors Fastify meets before routing: a URL whose percent-encoding is malformed, a path
 * parameter over the length limit. Fastify's own answer quotes the whole URL, query string
 * included, where a client_secret or a token may be; this one names the problem only.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
  const known = tooLong || error.code === "FST_ERR_BAD_URL";
  if (!known) request.log.error({ err: error }, "unhandled routing error in the public API");
  const status = known ? (tooLong ? 414 : 400) : 500;
  const detail = tooLong
    ? "A path segment of the URL is too long"
    : known
      ? "The URL is malformed (invalid percent-encoding)"
      : "Internal error";
  if (isOAuthRequest(request))
    void sendOAuthError(reply, status, known ? "invalid_request" : "server_error", detail);
  else void sendProblem(reply, problem(status, known ? "bad_request" : "internal_error", detail));
}

/** Maps every error to a client-safe answer; the one place a 500 can come from. */
export function installErrorHandlers(api: FastifyInstance): void {
  api.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return sendProblem(reply, domainProblem(error));
    // The database is down, restarting or saturated: the client may retry, never a 500.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ code: error.code }, "database unavailable");
      reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
      const detail = "The database is unavailable; retry in a few seconds";
      if (isOAuthRequest(request)) return sendOAuthError(reply, 503, "temporarily_unavailable", detail);
      return sendProblem(reply, problem(503, "unavailable", detail));
    }
    const known = FASTIFY_CODES[error.code];
    const status =
      known?.status ??
      (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500);
    if (status >= 500) request.log.error({ err: error }, "unhandled error in the public API");
    else if (!known && !config().production) request.log.info({ code: error.code }, "client error");
    const detail =
      known?.detail ??
      (status === 400
        ? "The request could not be parsed (malformed JSON?)"
        : status >= 500
          ? "Internal error"
          : "Bad request");
    if (isOAuthRequest(request)) {
      return sendOAuthError(reply, status, status >= 500 ? "server_error" : "invalid_request", detail);
    }
    return sendProblem(
      reply,
      problem(status, known?.code ?? (status >= 500 ? "internal_error" : "bad_request"), detail),
    );
  });

  api.setNotFoundHandler((request, reply) => {
    if (isOAuthRequest(request))
      return sendOAuthError(
        reply,
        404,
        "invalid_request",
        "No such endpoint; the token endpoint is POST /oauth2/token",
      );
    return sendProblem(
      reply,
      problem(404, "not_found", `No route ${request.method} ${request.url.split("?")[0].slice(0, 200)}`),
    );
  });
}
