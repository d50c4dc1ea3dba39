import "server-only";
import { admitFor, storedDestinations } from "../credentials/destinations";
import { materialFromRow, SECRET_ROW } from "../credentials/record";
import { db, type Db } from "../db";
import { s3EndpointOf, type S3Keys } from "./s3-probe";
import type { S3Config } from "./storage";

/** Why a bucket cannot be reached with its stored settings, in words for the console. */
export class S3SetupError extends Error {}

type CredentialWhere = NonNullable<NonNullable<Parameters<Db["credential"]["findFirst"]>[0]>["where"]>;

/**
 * The keys an S3 bucket uses: its own (decrypted `secrets`), or those of a saved AWS Signed
 * Request credential — found through `scope`, the caller's tenant check — used only when the
 * bucket's endpoint is among the credential's allowed destinations, checked before anything is
 * decrypted. `credentialId` names the saved credential used, to record the use; `redact` lists
 * every secret value, for the messages of a failure.
 */
export async function s3KeysFor(
  config: S3Config,
  secrets: Record<string, string>,
  scope: (credentialId: string) => CredentialWhere,
): Promise<S3Keys & { credentialId?: string; redact: string[] }> {
  if (config.credentialMode === "keys") {
    if (!secrets.secretAccessKey)
      throw new S3SetupError("No secret access key is stored; edit the bucket and enter it again.");
    return {
      accessKeyId: config.accessKeyId,
      secretAccessKey: secrets.secretAccessKey,
      ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}),
      source: `own keys (${config.accessKeyId})`,
      redact: [secrets.secretAccessKey, ...(secrets.sessionToken ? [secrets.sessionToken] : [])],
    };
  }
  const row = await db().credential.findFirst({
    where: scope(config.credentialId),
    select: SECRET_ROW,
  });
  if (!row)
    throw new S3SetupError(
      "The AWS credential this bucket uses no longer exists; edit the bucket and choose another.",
    );
  const verdict = admitFor(row.name, storedDestinations(row))(s3EndpointOf(config));
  if (!verdict.allowed) throw new S3SetupError(verdict.message);
  const material = materialFromRow(row);
  if (material.type !== "aws_signed_request")
    throw new S3SetupError(`Credential ${row.name} is not an AWS Signed Request credential.`);
  const { secretAccessKey, sessionToken } = material.secrets;
  return {
    accessKeyId: material.config.accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    source: `credential "${row.name}" (${material.config.accessKeyId})`,
    credentialId: row.id,
    redact: [secretAccessKey, ...(sessionToken ? [sessionToken] : [])],
  };
}
