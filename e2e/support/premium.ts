import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const e2eDir = path.join(root, ".tmp", "e2e");

/** The environment of scripts that act on the e2e server's database (matches scripts/e2e-server.mjs). */
function e2eEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: process.env.E2E_DATABASE_URL || `file:${path.join(e2eDir, "workbench.db")}`,
    WORKBENCH_ENCRYPTION_KEY_FILE: path.join(e2eDir, "master.key"),
    NODE_OPTIONS: "",
  };
}

function tsx(script: string, args: string[]): string {
  return execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", script, ...args],
    {
      cwd: root,
      env: e2eEnv(),
      encoding: "utf8",
      timeout: 60_000,
    },
  );
}

/** `npm run cli -- <args>` as an operator would type it, against the e2e database. */
export function runCli(...args: string[]): string {
  return tsx(path.join(root, "scripts", "cli.ts"), args);
}

/** Saves an AWS Signed Request credential in production through lib/credentials; returns its id. */
export function seedAwsCredential(
  name: string,
  accessKeyId: string,
  secretAccessKey: string,
  region: string,
  destination: string,
): string {
  return tsx(path.join(root, "e2e", "support", "seed-aws-credential.ts"), [
    name,
    accessKeyId,
    secretAccessKey,
    region,
    destination,
  ]).trim();
}
