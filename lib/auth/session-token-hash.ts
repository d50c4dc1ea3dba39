import "server-only";
import { createHash } from "node:crypto";
import type { BetterAuthOptions, DBAdapter } from "better-auth";

// Console session tokens are bearer secrets: the database keeps only their SHA-256, so a copy
// of it cannot be replayed as a cookie. better-auth has no option for this, so its database
// adapter is wrapped: every `token` of the session model that goes in (a new row, an update, a
// lookup) is hashed; the row better-auth creates is handed back with the raw token, which is
// what it signs into the cookie. A token is 32 random characters, so a plain hash suffices.

const SESSION_MODEL = "session";

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type Where = { field: string; value: unknown };
type AnyArgs = {
  model: string;
  where?: Where[];
  data?: Record<string, unknown>;
  update?: Record<string, unknown>;
};

function hashedWhere<T extends AnyArgs>(args: T): T {
  if (args.model !== SESSION_MODEL || !args.where) return args;
  return {
    ...args,
    where: args.where.map((clause) =>
      clause.field !== "token"
        ? clause
        : {
            ...clause,
            value: Array.isArray(clause.value)
              ? clause.value.map((v) => hashSessionToken(String(v)))
              : typeof clause.value === "string"
                ? hashSessionToken(clause.value)
                : clause.value,
          },
    ),
  };
}

function hashedField<T extends AnyArgs>(args: T, key: "data" | "update"): T {
  const values = args[key];
  if (args.model !== SESSION_MODEL || typeof values?.token !== "string") return args;
  return { ...args, [key]: { ...values, token: hashSessionToken(values.token) } };
}

/** The adapter with session tokens hashed at rest (its transactions too). */
export function withHashedSessionTokens<O extends BetterAuthOptions>(adapter: DBAdapter<O>): DBAdapter<O> {
  const wrap = <A extends Omit<DBAdapter<O>, "transaction">>(inner: A): A => ({
    ...inner,
    create: async (args: AnyArgs) => {
      const row = await inner.create(hashedField(args, "data") as never);
      const raw = args.data?.token;
      return args.model === SESSION_MODEL && typeof raw === "string" && row && typeof row === "object"
        ? { ...(row as object), token: raw }
        : row;
    },
    findOne: (args: AnyArgs) => inner.findOne(hashedWhere(args) as never),
    findMany: (args: AnyArgs) => inner.findMany(hashedWhere(args) as never),
    count: (args: AnyArgs) => inner.count(hashedWhere(args) as never),
    update: (args: AnyArgs) => inner.update(hashedField(hashedWhere(args), "update") as never),
    updateMany: (args: AnyArgs) => inner.updateMany(hashedField(hashedWhere(args), "update") as never),
    delete: (args: AnyArgs) => inner.delete(hashedWhere(args) as never),
    deleteMany: (args: AnyArgs) => inner.deleteMany(hashedWhere(args) as never),
    consumeOne: (args: AnyArgs) => inner.consumeOne(hashedWhere(args) as never),
    incrementOne: (args: AnyArgs) => inner.incrementOne(hashedWhere(args) as never),
  });
  return {
    ...wrap(adapter),
    transaction: (callback) => adapter.transaction((trx) => callback(wrap(trx))),
  } as DBAdapter<O>;
}
