import "server-only";
import { randomBytes } from "node:crypto";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { createRedactor, type Redactor } from "../credentials/redact";
import {
  allowlistFromEnv,
  checkAddress,
  parseOutboundUrl,
  type OutboundAllowlist,
  type Resolver,
} from "../outbound";
import { isHostAllowlisted } from "../outbound/allowlist";
import { blockedMessage, describeNetworkError } from "../outbound/outbound-errors";
import { probeKey } from "./endpoints";
import { guardedAgents } from "./s3-transport";
import type { S3Config } from "./storage";
import type { IntegrationTestResult, ProbeStep, ProbeStepName } from "./test-result";

export type S3Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; source: string };
export type S3ProbeOptions = { allowlist?: OutboundAllowlist; resolver?: Resolver; timeoutMs?: number };

/** The endpoint the SDK will talk to (for messages and the address check). */
export function s3EndpointOf(
  config: Pick<S3Config, "endpointUrl" | "region" | "bucket" | "forcePathStyle">,
): string {
  if (config.endpointUrl) return config.endpointUrl;
  return config.forcePathStyle
    ? `https://s3.${config.region}.amazonaws.com`
    : `https://${config.bucket}.s3.${config.region}.amazonaws.com`;
}

class ProbeMismatchError extends Error {}

/** Why an S3 request failed, in words (secrets redacted). */
export function describeS3Failure(
  error: unknown,
  endpoint: string,
  redactor: Redactor,
): { status: number | null; message: string } {
  if (error instanceof ProbeMismatchError) return { status: null, message: error.message };
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? null;
    const detail =
      error.message && error.message !== "UnknownError"
        ? `: ${redactor.text(error.message).slice(0, 300)}`
        : "";
    const hint =
      error.name === "SignatureDoesNotMatch"
        ? " The secret access key does not match the access key ID."
        : error.name === "InvalidAccessKeyId"
          ? " The access key ID is not known to the store."
          : "";
    return {
      status,
      message: `${status ? `${status} ` : ""}${error.name}${detail}.${hint}`.replace(/\.\./g, "."),
    };
  }
  const parsed = parseOutboundUrl(endpoint);
  if (error instanceof Error && error.name === "TimeoutError")
    return { status: null, message: `The storage endpoint did not answer in time.` };
  if (parsed.ok) {
    const cause = error instanceof Error && "cause" in error && error.cause ? error.cause : error;
    return { status: null, message: describeNetworkError(cause, parsed.target).message };
  }
  return {
    status: null,
    message: redactor.text(error instanceof Error ? error.message : String(error)).slice(0, 300),
  };
}

/** IP-literal endpoints never go through DNS, so the address guard checks them here. */
export function literalRefusal(endpoint: string, allowlist: OutboundAllowlist): string | null {
  const parsed = parseOutboundUrl(endpoint);
  if (!parsed.ok) return parsed.message;
  const { target } = parsed;
  if (!target.ipLiteral || isHostAllowlisted(target.hostname, allowlist)) return null;
  const verdict = checkAddress(target.ipLiteral, allowlist);
  return verdict.allowed ? null : blockedMessage(target.ipLiteral, target.ipLiteral, verdict.reason);
}

/** An S3 client whose connections pass the outbound address guard; one attempt, no redirects. */
export function s3ClientFor(
  config: S3Config,
  keys: S3Keys,
  allowlist: OutboundAllowlist,
  options: Pick<S3ProbeOptions, "resolver" | "timeoutMs"> = {},
): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpointUrl ? { endpoint: config.endpointUrl } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
    maxAttempts: 1,
    followRegionRedirects: false,
    // S3-compatible stores often lack the newer flexible checksums; send them only when required.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      ...guardedAgents({ allowlist, resolver: options.resolver }),
      connectionTimeout: 5_000,
      requestTimeout: options.timeoutMs ?? 15_000,
    },
  });
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - start) };
}

/**
 * The S3 test: writes a small probe object below the prefix, reads it back and compares, then
 * deletes it — each step reported on its own, so "can write but not delete" is visible.
 */
export async function runS3Probe(
  config: S3Config,
  keys: S3Keys,
  options: S3ProbeOptions = {},
): Promise<IntegrationTestResult> {
  const endpoint = s3EndpointOf(config);
  const key = probeKey(config.prefix, `${Date.now()}-${randomBytes(4).toString("hex")}`);
  const s3 = {
    endpoint,
    bucket: config.bucket,
    key,
    region: config.region,
    addressing: config.forcePathStyle ? ("path-style" as const) : ("virtual-hosted" as const),
    credential: keys.source,
  };
  const redactor = createRedactor([keys.secretAccessKey, ...(keys.sessionToken ? [keys.sessionToken] : [])]);
  let allowlist: OutboundAllowlist;
  try {
    allowlist = options.allowlist ?? allowlistFromEnv();
  } catch (error) {
    return {
      ok: false,
      summary: (error as Error).message,
      s3,
      error: { kind: "config", message: (error as Error).message },
    };
  }
  const refused = literalRefusal(endpoint, allowlist);
  if (refused)
    return { ok: false, summary: refused, s3, steps: [], error: { kind: "blocked", message: refused } };

  const client = s3ClientFor(config, keys, allowlist, options);
  const body = `Workbench connectivity probe ${new Date().toISOString()} ${randomBytes(8).toString("hex")}\n`;
  const steps: ProbeStep[] = [];
  const record = (
    step: ProbeStepName,
    label: string,
    outcome: ProbeStep["outcome"],
    status: number | null,
    ms: number | null,
    message: string,
  ) => steps.push({ step, label, outcome, status, ms, message });

  const attempt = async (
    step: ProbeStepName,
    label: string,
    run: () => Promise<{ status: number | null; message: string }>,
  ): Promise<boolean> => {
    const start = performance.now();
    try {
      const { value, ms } = await timed(run);
      record(step, label, "ok", value.status, ms, value.message);
      return true;
    } catch (error) {
      const failure = describeS3Failure(error, endpoint, redactor);
      record(step, label, "failed", failure.status, Math.round(performance.now() - start), failure.message);
      return false;
    }
  };

  try {
    const wrote = await attempt("write", `PUT ${key}`, async () => {
      const out = await client.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: key,
          Body: body,
          ContentType: "text/plain; charset=utf-8",
        }),
      );
      return {
        status: out.$metadata.httpStatusCode ?? null,
        message: `Wrote ${Buffer.byteLength(body)} bytes${out.ETag ? ` (ETag ${out.ETag})` : ""}.`,
      };
    });
    if (!wrote) {
      record("read", `GET ${key}`, "skipped", null, null, "Skipped: nothing was written.");
      record("delete", `DELETE ${key}`, "skipped", null, null, "Skipped: nothing was written.");
    } else {
      await attempt("read", `GET ${key}`, async () => {
        const out = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
        const text = (await out.Body?.transformToString("utf8")) ?? "";
        if (text !== body)
          throw new ProbeMismatchError("The object read back differs from what was written.");
        return {
          status: out.$metadata.httpStatusCode ?? null,
          message: `Read back ${Buffer.byteLength(text)} bytes; the content matches.`,
        };
      });
      // Cleanup runs even when the read failed.
      await attempt("delete", `DELETE ${key}`, async () => {
        const out = await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key }));
        return { status: out.$metadata.httpStatusCode ?? null, message: "Deleted the probe object." };
      });
    }
  } finally {
    client.destroy();
  }
  const failed = steps.find((s) => s.outcome === "failed");
  const summary = failed
    ? `The ${failed.step} step failed: ${failed.message}`
    : `Wrote, read back and deleted a probe object in ${config.bucket}${config.prefix ? ` below ${config.prefix}` : ""}.`;
  return {
    ok: !failed,
    summary,
    steps,
    s3,
    ...(failed ? { error: { kind: `s3_${failed.step}`, message: failed.message } } : {}),
  };
}
