// Run with `tsx --conditions=react-server` against the e2e database (see premium.ts): saves an
// AWS Signed Request credential through lib/credentials — the same code path as the console —
// so the S3 specs can reference one without depending on the Credentials page's UI.
import { createCredential } from "../../lib/credentials";
import { closeDb, db } from "../../lib/db";

async function main() {
  const [name, accessKeyId, secretAccessKey, region, destination] = process.argv.slice(2);
  const environment = await db().environment.findFirstOrThrow({
    where: { name: "production" },
    select: { id: true, organisationId: true },
  });
  const actor = { type: "system" as const, organisationId: environment.organisationId, label: "e2e fixture" };
  const created = await createCredential(actor, {
    environmentId: environment.id,
    credential: {
      type: "aws_signed_request",
      name,
      accessKeyId,
      secretAccessKey,
      service: "s3",
      region,
      signQuery: false,
      allowedDestinations: [destination],
    },
  });
  console.log(created.id);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => void closeDb());
