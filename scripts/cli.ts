// The operator's command line: `npm run cli -- <group> <command> [options]`. It migrates the
// database first, runs as a system actor (recorded in the audit log) and exits non-zero on
// failure. To add commands, add a group to COMMANDS (see scripts/cli/types.ts).
import { ZodError } from "zod";
import { closeDb } from "../lib/db";
import { DomainError } from "../lib/result";
import { migrate } from "./migrate.mjs";
import { apiKeyCommands } from "./cli/api-keys";
import { featureCommands } from "./cli/features";
import { keyCommands } from "./cli/keys";
import { backupCommands } from "./cli/backup";
import { UsageError, type CliGroup } from "./cli/types";

const COMMANDS: Record<string, CliGroup> = {
  "api-keys": apiKeyCommands,
  keys: keyCommands,
  features: featureCommands,
};

/** Commands without a group: `backup <file>`, `restore <file>`. */
const TOP_LEVEL: CliGroup = backupCommands;

function help(): string {
  const lines = ["Usage: npm run cli -- <group> <command> [options]", ""];
  for (const commands of [...Object.values(COMMANDS), TOP_LEVEL]) {
    for (const command of Object.values(commands))
      lines.push(`  ${command.usage}`, `      ${command.summary}`);
    lines.push("");
  }
  return lines.join("\n");
}

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: error.message, code: 2 };
  if (error instanceof ZodError)
    return {
      message: error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"),
      code: 1,
    };
  if (error instanceof DomainError) {
    // Invalid input: the fields and what is wrong with each, rather than the console's summary.
    const fields = Object.entries(error.fieldErrors ?? {});
    return {
      message: fields.length
        ? fields.map(([path, message]) => `${path === "_form" ? "input" : path}: ${message}`).join("\n")
        : error.message,
      code: 1,
    };
  }
  if (
    error instanceof TypeError &&
    /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(`${error.message} ${(error as { code?: string }).code}`)
  ) {
    return { message: error.message, code: 2 };
  }
  return { message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, code: 1 };
}

async function main(argv: string[]): Promise<number> {
  const topLevel = argv[0] && Object.hasOwn(TOP_LEVEL, argv[0]) ? TOP_LEVEL[argv[0]] : undefined;
  const [group, name, ...rest] = argv;
  const command = topLevel ?? (group ? COMMANDS[group]?.[name ?? ""] : undefined);
  const args = topLevel ? argv.slice(1) : rest;
  if (!command) {
    console.log(help());
    return group === undefined || group === "help" || group === "--help" ? 0 : 2;
  }
  try {
    // backup and restore copy the file as it is; every other command works on a migrated database.
    if (!topLevel) await migrate(undefined, { quiet: true });
    await command.run(args);
    return 0;
  } catch (error) {
    const { message, code } = explain(error);
    console.error(message);
    if (code === 2) console.error(`Usage: npm run cli -- ${command.usage}`);
    return code;
  } finally {
    await closeDb();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
