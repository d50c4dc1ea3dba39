import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { errorCodes } from "fastify";

// The token endpoint's body parser. Any content type reaches the handler as text, so a wrong
// one gets an OAuth error rather than a generic 415. The documented request declares no body at all
// (parameters in the query string): it gets "" at once, without a turn through the stream —
// Fastify's own text parser waits for the stream's end even then, which cost ~6 % of the
// endpoint's throughput.

export const TOKEN_BODY_LIMIT = 16 * 1024;

type Done = (error: Error | null, body?: string) => void;

function declaresNoBody(headers: IncomingHttpHeaders): boolean {
  const length = headers["content-length"];
  return headers["transfer-encoding"] === undefined && (length === undefined || length === "0");
}

export function readTokenBody(headers: IncomingHttpHeaders, payload: Readable, done: Done): void {
  if (declaresNoBody(headers)) return done(null, "");
  if (Number(headers["content-length"]) > TOKEN_BODY_LIMIT)
    return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = (error: Error | null, body?: string) => {
    payload.removeListener("data", onData);
    payload.removeListener("end", onEnd);
    payload.removeListener("error", onError);
    done(error, body);
  };
  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > TOKEN_BODY_LIMIT) finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    else chunks.push(bytes);
  };
  // Decoded once at the end, so a character split across chunks stays whole.
  const onEnd = () => finish(null, Buffer.concat(chunks, size).toString("utf8"));
  // A broken or aborted upload is the client's fault: 400, never 500.
  const onError = (error: Error & { statusCode?: number }) =>
    finish(
      Object.assign(error, {
        statusCode: error.statusCode && error.statusCode >= 400 ? error.statusCode : 400,
      }),
    );
  payload.on("data", onData);
  payload.on("end", onEnd);
  payload.on("error", onError);
}
