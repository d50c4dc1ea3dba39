/** Names of the settings an edit changed (for the audit entry), comparing stored JSON with the new values. */
export function changedFields(beforeJson: string, after: object): string[] {
  let old: Record<string, unknown> = {};
  try {
    old = JSON.parse(beforeJson) as Record<string, unknown>;
  } catch {
    // a damaged row: everything counts as changed
  }
  return Object.entries(after)
    .filter(([key, value]) => JSON.stringify(old[key]) !== JSON.stringify(value))
    .map(([key]) => key);
}
