export const DEFAULT_DATABASE_URL: string;
export function sqlitePath(url: string): string;
export function migrate(url?: string, options?: { quiet?: boolean }): Promise<void>;
