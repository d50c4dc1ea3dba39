import { describe, expect, it } from "vitest";
import { CREDENTIAL_KINDS, CREDENTIAL_TYPES } from ".";
import { secretFields, type FormMode } from "./kind";
import { SERVER_KINDS } from "./server";
import { secretFieldNames } from "./server-kind";

const MODES: FormMode[] = ["create", "update"];

it("the registry and the zod-free catalogue name the same kinds, in the same order", () => {
  expect(Object.values(CREDENTIAL_KINDS).map((kind) => kind.type)).toEqual(CREDENTIAL_TYPES);
});

describe.each(CREDENTIAL_TYPES)("credential kind %s", (type) => {
  const kind = CREDENTIAL_KINDS[type];

  it("is registered under its own type, with a server half", () => {
    expect(kind.type).toBe(type);
    expect(SERVER_KINDS[type]).toBeDefined();
    expect(typeof SERVER_KINDS[type].plan).toBe("function");
    expect(typeof SERVER_KINDS[type].apply).toBe("function");
  });

  it.each(MODES)("stores exactly the fields its %s form marks secret", (mode) => {
    const shape = kind.form(mode).shape as Record<string, Parameters<typeof secretFields.has>[0]>;
    const marked = Object.keys(shape).filter((field) => secretFields.has(shape[field]));
    expect(marked.sort()).toEqual(secretFieldNames(kind).sort());
  });

  it("never keeps a secret among its plain settings", () => {
    const settings = Object.keys(kind.stored.shape);
    expect(settings.filter((field) => secretFieldNames(kind).includes(field))).toEqual([]);
  });

  it("starts a new form with every field, refused only for what must be entered", () => {
    const form = kind.form("create");
    expect(Object.keys(kind.emptyValues).sort()).toEqual(Object.keys(form.shape).sort());
    const parsed = form.safeParse(kind.emptyValues);
    expect(parsed.success).toBe(false);
    // Empty text that must be entered, never a value of the wrong type or outside its choices.
    for (const issue of parsed.error?.issues ?? [])
      expect(
        ["invalid_type", "invalid_value", "invalid_union", "unrecognized_keys"],
        `${issue.path.join(".")}: ${issue.message}`,
      ).not.toContain(issue.code);
  });

  it("empties every secret field and nothing else", () => {
    const withoutSecrets = kind.withoutSecrets as unknown as (
      values: Record<string, unknown>,
    ) => Record<string, unknown>;
    const empty = kind.emptyValues as Record<string, unknown>;
    expect(withoutSecrets(empty)).toEqual(empty);
    const typed = Object.fromEntries(secretFieldNames(kind).map((field) => [field, "typed secret"]));
    expect(withoutSecrets({ ...empty, ...typed })).toEqual(empty);
  });
});
