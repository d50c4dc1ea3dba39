// Inputs shaped by an input's zod schema (through its JSON Schema), so the fuzzer reaches past
// validation into the services: mostly valid values, each field sometimes wrong, missing or
// nasty, and sometimes an unknown field beside them.
import fc from "fast-check";
import { z } from "zod";
import { jsonValue, nastyString } from "./arbitraries";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** A value for `schema`: valid most of the time, otherwise anything. */
export function valueFor(
  schema: JsonSchema,
  depth = 0,
  pools: Record<string, readonly unknown[]> = {},
  name = "",
): fc.Arbitrary<unknown> {
  const valid = validValue(schema, depth, pools, name);
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: jsonValue },
    { weight: 1, arbitrary: nastyString },
  );
}

function validValue(
  schema: JsonSchema,
  depth: number,
  pools: Record<string, readonly unknown[]>,
  name: string,
): fc.Arbitrary<unknown> {
  const pool = pools[name];
  const own = ownValue(schema, depth, pools);
  return pool?.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: own })
    : own;
}

function ownValue(
  schema: JsonSchema,
  depth: number,
  pools: Record<string, readonly unknown[]>,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validValue(a, depth, pools, "")));
  if (schema.allOf?.length) return validValue(schema.allOf[0], depth, pools, "");
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return depth > 3 ? fc.constant({}) : objectFor(schema, depth + 1, pools);
    case "array":
      return fc.array(schema.items ? validValue(schema.items, depth + 1, pools, "") : jsonValue, {
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1e6, 2 ** 31) });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "string":
      if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({
        minLength: Math.min(schema.minLength ?? 0, 20),
        maxLength: Math.min(schema.maxLength ?? 30, 30),
      });
    default:
      return jsonValue;
  }
}

/** An object for an object schema (or a union of them): its fields (required ones mostly present), sometimes an extra one. */
export function objectFor(
  schema: JsonSchema,
  depth = 0,
  pools: Record<string, readonly unknown[]> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length && !schema.properties)
    return fc.oneof(...alternatives.map((alternative) => objectFor(alternative, depth, pools)));
  if (schema.allOf?.length && !schema.properties) return objectFor(schema.allOf[0], depth, pools);
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, property]) =>
    fc
      .tuple(fc.integer({ min: 0, max: 19 }), valueFor(property, depth, pools, name))
      .map(([dice, value]) =>
        (required.has(name) ? dice < 19 : dice < 12) ? ([name, value] as const) : null,
      ),
  );
  return fc
    .tuple(fc.tuple(...fields), fc.option(fc.tuple(nastyString, jsonValue), { freq: 5 }))
    .map(([present, extra]) => {
      const out: Record<string, unknown> = {};
      for (const field of present) if (field) out[field[0]] = field[1];
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}
