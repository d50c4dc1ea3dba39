import { parseArgs } from "node:util";
import { generateMasterKey, MasterKeyError, rotateMasterKey, SecretDecryptionError } from "../../lib/crypto";
import { DomainError } from "../../lib/result";
import type { CliGroup } from "./types";

async function rotateMaster(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  try {
    const report = await rotateMasterKey();
    if (values.json) {
      console.log(JSON.stringify(report));
      return;
    }
    console.log(`Active master key: ${report.activeKeyId}`);
    console.log(
      `Credentials:  ${report.credentials.reencrypted} of ${report.credentials.total} re-encrypted`,
    );
    console.log(
      `Integrations: ${report.integrations.reencrypted} of ${report.integrations.total} re-encrypted`,
    );
    console.log(`Settings:     ${report.settings.reencrypted} of ${report.settings.total} re-encrypted`);
    console.log(
      `Webhook endpoints: ${report.webhookEndpoints.reencrypted} of ${report.webhookEndpoints.total} re-encrypted`,
    );
    console.log(report.nextStep);
  } catch (error) {
    // Key problems are the operator's to fix: say what is wrong, not "unexpected error".
    if (error instanceof MasterKeyError || error instanceof SecretDecryptionError)
      throw new DomainError(error.message, "unavailable");
    throw error;
  }
}

async function generateMaster(): Promise<void> {
  console.log(generateMasterKey());
}

export const keyCommands: CliGroup = {
  "rotate-master": {
    usage: "keys rotate-master [--json]",
    summary:
      "Re-encrypt every credential, integration and instance secret (token signing key, session secret) under the active master key. With the key file (data/master.key) a new key is generated; with WORKBENCH_ENCRYPTION_KEY set the new key there and the old one in WORKBENCH_ENCRYPTION_KEY_PREVIOUS first.",
    run: rotateMaster,
  },
  "generate-master": {
    usage: "keys generate-master",
    summary: "Print a new random master key (base64) for WORKBENCH_ENCRYPTION_KEY.",
    run: generateMaster,
  },
};
