/** One CLI action, e.g. `api-keys create`. Add a group to COMMANDS in scripts/cli.ts. */
export type CliCommand = {
  usage: string;
  summary: string;
  run(args: string[]): Promise<void>;
};

export type CliGroup = Record<string, CliCommand>;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
