import { z } from "zod";
import { KIND_CATALOGUE } from "./catalogue";
import { isValidHeaderValue } from "../field-rules";
import { credentialName, defineKind, optionalSecret, required, secret, type FormMode } from "./kind";

// Service and region go into the credential scope exactly as entered, so they are validated
// rather than rewritten.
const scopePart = (label: string) =>
  z
    .string()
    .min(1, `Enter the ${label}.`)
    .max(64, "Use at most 64 characters.")
    // It lands in the credential scope and in the STS URL's host name: no ? # @ : / or spaces.
    .regex(/^[A-Za-z0-9._-]+$/, `The ${label} may contain only letters, digits, '.', '_' and '-'.`);

const form = (mode: FormMode) =>
  z.object({
    type: z.literal("aws_signed_request"),
    name: credentialName,
    accessKeyId: required("access key ID", 128).refine(
      (v) => /^[A-Za-z0-9]*$/.test(v),
      "An access key ID contains only letters and digits.",
    ),
    secretAccessKey: secret("secret access key", mode, 256),
    // Optional in both modes; on update, `clearSessionToken` removes a stored one.
    sessionToken: optionalSecret(
      z
        .string()
        .max(4096, "Use at most 4096 characters.")
        .refine(isValidHeaderValue, "The session token cannot contain line breaks or control characters."),
    ),
    clearSessionToken: z.boolean().optional(),
    service: scopePart("service"),
    region: scopePart("region"),
    signQuery: z.boolean(),
  });

/** Where a test without a URL goes: STS GetCallerIdentity in the credential's region. */
export function stsDefaultUrl(region: string): string {
  return `https://sts.${region}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15`;
}

export const awsSignedRequest = defineKind({
  type: "aws_signed_request",
  info: KIND_CATALOGUE.aws_signed_request.info,
  form,
  stored: z.object({
    accessKeyId: z.string(),
    service: z.string(),
    region: z.string(),
    signQuery: z.boolean(),
  }),
  secrets: z.object({ secretAccessKey: z.string(), sessionToken: z.string().optional() }),
  emptyValues: KIND_CATALOGUE.aws_signed_request.emptyValues,
  withoutSecrets: KIND_CATALOGUE.aws_signed_request.withoutSecrets,
});

export type AwsConfig = z.output<typeof awsSignedRequest.stored>;
