import "server-only";
import { queryOf, serializeQuery, signAwsRequest } from "../aws-sign";
import { withHeader } from "../types";
import { awsSignedRequest, stsDefaultUrl } from "./aws-signed-request";
import { finish, secretPlan, settingsOf, type FieldErrors, type ServerKind } from "./server-kind";

export const awsSignedRequestServer: ServerKind<"aws_signed_request"> = {
  plan(values, existing) {
    const errors: FieldErrors = {};
    const secret = secretPlan(
      "secretAccessKey",
      values.secretAccessKey,
      existing,
      "secret access key",
      errors,
    );
    if (values.sessionToken) secret.newSecrets.sessionToken = values.sessionToken;
    else if (!values.clearSessionToken && existing.has("sessionToken")) secret.keep.push("sessionToken");
    return finish({ type: values.type, config: settingsOf(awsSignedRequest, values), ...secret }, errors);
  },

  async apply(credential, request, deps) {
    const url = new URL(request.url);
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return { ok: false, message: "Only http:// and https:// URLs can be signed." };
    const { config, secrets } = credential;
    const signed = await signAwsRequest(
      {
        method: request.method.toUpperCase(),
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: queryOf(url),
        // The signed Host must be exactly the one sent, port included.
        headers: withHeader(request.headers, "host", url.host),
        ...(request.body ? { body: request.body } : {}),
      },
      {
        accessKeyId: config.accessKeyId,
        secretAccessKey: secrets.secretAccessKey,
        ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}),
      },
      { service: config.service, region: config.region },
      { date: new Date(deps.clock.now()), presign: config.signQuery },
    );
    if (config.signQuery) url.search = serializeQuery(signed.query);
    return {
      ok: true,
      request: {
        method: request.method.toUpperCase(),
        url: url.href,
        headers: signed.headers,
        ...(request.body ? { body: request.body } : {}),
      },
      warnings: [],
      derivedSecrets: [signed.signature],
      aws: signed,
    };
  },

  defaultTestUrl: (config) => stsDefaultUrl(config.region),

  testDetails(applied, redactor) {
    if (!applied.aws) return {};
    const { canonicalRequest, stringToSign, credentialScope, signedHeaders } = applied.aws;
    // A signed session token appears in the canonical request, so it is scrubbed too.
    return {
      signing: {
        canonicalRequest: redactor.text(canonicalRequest),
        stringToSign,
        credentialScope,
        signedHeaders,
      },
    };
  },
};
