/** Absolute times in UTC, rendered on the server so the page is the same for everyone. */
export function formatDateTime(value: Date | string | null): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

export const credentialsPath = (environment: string) =>
  `/${environment}/configuration/integrations/credentials`;
