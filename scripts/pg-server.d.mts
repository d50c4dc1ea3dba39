export type PostgresServer = { url: string; createDatabase(name: string): string; stop(): void };
export function findPostgresBin(): string | null;
export function startPostgres(options?: { port?: number; database?: string }): PostgresServer;
