export type PostgresServer = {
  url: string;
  createDatabase(name: string): string;
  stop(): void;
  /** Stops the server as an outage would (open connections are cut), keeping its data. */
  pause(): void;
  /** Starts it again on the same port with the same data. */
  resume(): void;
};
export function findPostgresBin(): string | null;
export function startPostgres(options?: {
  port?: number;
  database?: string;
  /** Synchronous commits: a commit a client saw survives an immediate stop. */
  durable?: boolean;
}): PostgresServer;
