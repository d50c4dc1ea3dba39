export const MIGRATIONS_TABLE: string;
export function sqlitePath(url: string): string;
export function upSection(sql: string, file: string): string;
export function migrationFiles(dir: string): { version: string; file: string; sql: string }[];
export function migrate(
  url?: string,
  options?: { quiet?: boolean; migrationsDir?: string },
): Promise<string[]>;
