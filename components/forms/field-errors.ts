/**
 * Where each of a server action's field errors goes in a form. The server keys errors by the
 * input's dotted path (`credential.headers.0.name`, `allowlist.2`); a form shows them on its own
 * fields. `prefix` (e.g. `credential.`) is where the form's values sit in the action's input. A
 * list of plain values (permissions, allowlist entries) is one field, edited by one control, so
 * an error about an entry goes to the list; a list of objects (headers) is walked into, so an
 * error reaches the entry's own field, as it does in the lists named in `entries` (plain values
 * with an input each, e.g. a credential's allowed destinations). Paths the form does not know
 * keep their full name; `_form` (the input as a whole) is left to the failure message.
 */
export function formFieldErrors(
  values: unknown,
  fieldErrors: Record<string, string> | undefined,
  prefix = "",
  entries: readonly string[] = [],
): [field: string, message: string][] {
  const out = new Map<string, string>();
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    const relative = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (!relative || relative === "_form") continue;
    const field = fieldOf(values, relative.split("."), entries);
    if (!out.has(field)) out.set(field, message);
  }
  return [...out];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function fieldOf(values: unknown, segments: string[], entries: readonly string[]): string {
  let current = values;
  for (let i = 0; i < segments.length; i++) {
    const list = segments.slice(0, i).join(".");
    if (
      Array.isArray(current) &&
      !entries.includes(list) &&
      !current.some((entry) => isRecord(entry) || Array.isArray(entry))
    )
      return list;
    if (!(Array.isArray(current) || isRecord(current)) || !(segments[i] in current)) break;
    current = (current as Record<string, unknown>)[segments[i]];
  }
  return segments.join(".");
}
