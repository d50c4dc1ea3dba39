import type { z } from "zod";

// zod's own wording ("Invalid input: expected number, received NaN") turned into a sentence that
// names the field and says what it must be. Messages a schema wrote itself ("Give the key a
// name") are kept, prefixed with the field they belong to.

export type InputPart = "path" | "query" | "body";

const PART_WORDS: Record<InputPart, string> = {
  path: "path parameter",
  query: "query parameter",
  body: "field",
};

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  string: "text",
  boolean: "true or false",
  object: "a JSON object",
  array: "a list (JSON array)",
  date: "a date",
  null: "null",
};

/** zod's default messages begin like this; a schema's own messages do not. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized key|Expected)/;

function quoted(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `"${String(text).slice(0, 60)}"`;
}

function what(origin: unknown): { unit: string; plural: string } {
  if (origin === "string") return { unit: "character", plural: "characters" };
  if (origin === "array" || origin === "set") return { unit: "item", plural: "items" };
  return { unit: "", plural: "" };
}

function bound(kind: "at least" | "at most", limit: unknown, origin: unknown, inclusive: unknown): string {
  const { unit, plural } = what(origin);
  const n = Number(limit);
  if (!unit)
    return inclusive === false ? `${kind === "at least" ? "more" : "less"} than ${n}` : `${kind} ${n}`;
  return `${kind} ${n} ${n === 1 ? unit : plural}`;
}

/** The sentence for one issue, e.g. `The path parameter environmentId must be a whole number.` */
export function plainIssueMessage(issue: z.core.$ZodIssue, part: InputPart): string {
  const path = issue.path.map(String).join(".");
  const field = path
    ? `The ${PART_WORDS[part]} ${path}`
    : part === "body"
      ? "The request body"
      : `The ${part}`;
  if (!ZOD_DEFAULT.test(issue.message)) return path ? `${path}: ${issue.message}` : issue.message;
  const raw = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_WORDS[String(raw.expected)] ?? String(raw.expected);
      if (/received undefined$/.test(issue.message)) return `${field} is required: it must be ${expected}.`;
      return `${field} must be ${expected}.`;
    }
    case "too_small":
      if (raw.origin === "string" && Number(raw.minimum) === 1) return `${field} must not be empty.`;
      return `${field} must be ${bound("at least", raw.minimum, raw.origin, raw.inclusive)}.`;
    case "too_big":
      return `${field} must be ${bound("at most", raw.maximum, raw.origin, raw.inclusive)}.`;
    case "invalid_value": {
      const values = (raw.values as unknown[] | undefined) ?? [];
      return values.length === 1
        ? `${field} must be ${quoted(values[0])}.`
        : `${field} must be one of ${values.map(quoted).join(", ")}.`;
    }
    case "invalid_format":
      return `${field} must be a valid ${String(raw.format).replace(/_/g, " ")}.`;
    case "unrecognized_keys": {
      const keys = (raw.keys as string[] | undefined) ?? [];
      const where = path
        ? `The ${PART_WORDS[part]} ${path}`
        : part === "body"
          ? "The request body"
          : `The ${part}`;
      return `${where} has ${keys.length === 1 ? "an unknown field" : "unknown fields"} ${keys.map(quoted).join(", ")}.`;
    }
    case "not_multiple_of":
      return `${field} must be a multiple of ${String(raw.divisor)}.`;
    case "invalid_union":
      return `${field} does not match any of the accepted forms.`;
    default:
      return `${field} is not valid.`;
  }
}
