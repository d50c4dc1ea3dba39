import type { FastifyInstance } from "fastify";
import { publishedJwks } from "../../lib/credentials/jwks";
import { problem, sendProblem } from "./errors";

/** Verifiers cache the key set this long; an unknown `kid` makes the usual JWKS clients fetch again. */
export const JWKS_MAX_AGE_SECONDS = 300;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/**
 * GET /.well-known/jwks/<public-id>.json: the public keys of a key-pair credential whose JWKS is
 * published (the current key, then each previous one until its rotation overlap ends). No
 * authentication: the keys are public and the id names nothing else. ETag + If-None-Match (304).
 */
export function registerJwksRoute(api: FastifyInstance): void {
  api.get<{ Params: { file: string } }>("/.well-known/jwks/:file", async (request, reply) => {
    const match = /^(.+)\.json$/.exec(request.params.file);
    const document = match ? await publishedJwks(match[1]) : null;
    if (!document)
      return sendProblem(
        reply,
        problem(404, "not_found", "No published key set at this address (unknown, or no longer published)."),
      );
    reply
      .header("ETag", document.etag)
      .header("Cache-Control", `public, max-age=${JWKS_MAX_AGE_SECONDS}`)
      .header("Access-Control-Allow-Origin", "*");
    if (matches(request.headers["if-none-match"], document.etag)) return reply.code(304).send();
    return reply.type("application/json; charset=utf-8").send(document.body);
  });
}
