// What every credential kind says about itself on the client-safe side (no Node imports): the
// browser form, the server action and the API all read these. The server-only half of a kind
// (storage plan, edit values, apply) is `ServerKind` in ./server-kind.
import { z } from "zod";
import { MAX_DESTINATIONS, parseDestinations } from "../../outbound/destinations";
import { isValidHeaderValue } from "../field-rules";

/** `create`: every required secret must be typed. `update`: an empty secret means "unchanged". */
export type FormMode = "create" | "update";

export type KindInfo = { label: string; description: string; beta: boolean; warning?: string };

/** The form fields that hold a write-only secret (the registry test checks them against `secrets`). */
export const secretFields = z.registry<{ secret: true }>();

export type CredentialKind<
  T extends string = string,
  Form extends z.ZodObject = z.ZodObject,
  Stored extends z.ZodObject = z.ZodObject,
  Secrets extends z.ZodType<Record<string, string>> = z.ZodType<Record<string, string>>,
> = {
  type: T;
  info: KindInfo;
  /** The form's fields (validated in the browser and again by the server action). */
  form: (mode: FormMode) => Form;
  /** The settings kept in plain JSON in the `config` column, checked on every read. */
  stored: Stored;
  /** The secrets kept encrypted in the `secrets` column, as they are when decrypted. */
  secrets: Secrets;
  /** A new credential's form. */
  emptyValues: z.input<Form>;
  /** The same values with every write-only secret emptied (after a save, and for editing). */
  withoutSecrets: (values: z.input<Form>) => z.input<Form>;
};

export function defineKind<
  T extends string,
  Form extends z.ZodObject,
  Stored extends z.ZodObject,
  Secrets extends z.ZodType<Record<string, string>>,
>(kind: CredentialKind<T, Form, Stored, Secrets>): CredentialKind<T, Form, Stored, Secrets> {
  return kind;
}

export const credentialName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const text = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine(isValidHeaderValue, `${label} cannot contain line breaks or control characters.`);

export const required = (label: string, max = 500) =>
  text(label, max).refine((v) => v.length > 0, `Enter the ${label}.`);

function marked<S extends z.ZodType>(schema: S): S {
  secretFields.add(schema, { secret: true });
  return schema;
}

/** A secret the create form requires; on update, empty keeps the stored one. */
export function secret(label: string, mode: FormMode, max = 4096) {
  const base = z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .refine(isValidHeaderValue, `The ${label} cannot contain line breaks or control characters.`);
  return marked(
    mode === "create" ? base.refine((v) => v.length > 0, `Enter the ${label}.`) : base.optional(),
  );
}

/** A secret that may be left out in both modes (how it is kept or cleared is the kind's business). */
export function optionalSecret<S extends z.ZodType>(schema: S) {
  return marked(schema.optional());
}

/**
 * Where a credential may be sent: origins, optionally with a path prefix, or `https://*.example.com`.
 * Common to every kind, so the registry adds it to each kind's form (no kind repeats it).
 */
export const allowedDestinations = z
  .array(z.string().trim().max(2048, "Use at most 2048 characters."))
  .superRefine((list, ctx) => {
    const parsed = parseDestinations(list);
    if (parsed.ok) return;
    const path =
      list.length > 0 && parsed.index < Math.min(list.length, MAX_DESTINATIONS) ? [parsed.index] : [];
    ctx.addIssue({ code: "custom", path, message: parsed.message });
  });

/** The fields every credential form has besides its kind's own. */
export const commonFields = { allowedDestinations };
export type CommonFields = typeof commonFields;
