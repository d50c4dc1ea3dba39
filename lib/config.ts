// The one place that reads the environment: every variable the product understands (README ›
// Configuration) is parsed here with zod, with its default, and everything else asks `config()`.
// At start-up the first `config()` fails with one list naming every wrong variable.
// Scripts (tests, e2e, benchmarks) keep their own variables; they are not the product's.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { isCommonPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth/password-policy";

/** Environment variables as a plain record, so tests can pass their own. */
export type Env = Record<string, string | undefined>;

/** The embedded default: a SQLite file under ./data, created on the first start. */
export const DEFAULT_DATABASE_URL = "file:./data/workbench.db";
export const DEFAULT_ADMIN_EMAIL = "owner@workbench.local";
export const DEFAULT_ORGANISATION_NAME = "Demo organisation";
export const DEFAULT_KEY_FILE = "data/master.key";

/** An empty variable counts as unset, so `FOO= npm start` means "the default". */
const unset = (value: unknown) => (value === "" ? undefined : value);

const whole = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: "must be a positive whole number" })
      .int("must be a positive whole number")
      .min(1, "must be a positive whole number")
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const positive = (fallback: number) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: "must be a positive number" })
      .positive("must be a positive number")
      .default(fallback),
  );

const text = () => z.preprocess(unset, z.string().optional());

/** A switch: `1`/`true` on, `0`/`false` or unset off. */
const flag = () =>
  z.preprocess(
    unset,
    z
      .enum(["1", "0", "true", "false"], { error: "must be 1 or 0" })
      .optional()
      .transform((value) => value === "1" || value === "true"),
  );

/**
 * Which hops in front of Workbench are trusted to say who the client is: none (unset or 0),
 * a count of proxies (`1` = one load balancer, the common case), or the proxies' addresses and
 * CIDR ranges. The client is then the rightmost X-Forwarded-For address that is not a trusted
 * proxy, so an address a client writes into the header itself is never taken for its own.
 */
export type TrustProxy =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; cidrs: string[] };

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length || !ipaddr.isValid(address)) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (ipaddr.parse(address).kind() === "ipv4" ? 32 : 128);
}

const trustProxy = z.preprocess(
  unset,
  z
    .string()
    .optional()
    .transform((value, ctx): TrustProxy => {
      if (value === undefined || value === "0" || value === "false") return { kind: "none" };
      if (value === "true") return { kind: "hops", hops: 1 };
      if (/^\d+$/.test(value)) return { kind: "hops", hops: Math.min(Number(value), 100) };
      const cidrs = value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean);
      const bad = cidrs.filter((entry) => !isAddressOrRange(entry));
      if (cidrs.length === 0 || bad.length) {
        ctx.addIssue({
          code: "custom",
          message: `must be a number of proxies (e.g. 1) or their addresses/CIDR ranges (e.g. 10.0.0.0/8,192.0.2.7)${bad.length ? `; not an address or range: ${bad.join(", ")}` : ""}`,
        });
        return z.NEVER;
      }
      return { kind: "cidrs", cidrs };
    }),
);

/** The first Owner's password follows the rule of every console password (lib/auth/password-policy.ts). */
const adminPassword = z.preprocess(
  unset,
  z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
    .refine((value) => !isCommonPassword(value), "is a commonly used password: choose one harder to guess")
    .optional(),
);

/** Svix's schedule: the delays before each attempt (the first, immediately; then after each failure). */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

const retrySchedule = z.preprocess(
  unset,
  z
    .string()
    .optional()
    .transform((value, ctx): number[] => {
      if (value === undefined) return DEFAULT_WEBHOOK_RETRY_SCHEDULE;
      const steps = value.split(",").map((step) => step.trim());
      if (steps.length > 20 || steps.some((step) => !/^\d{1,7}(\.\d{1,3})?$/.test(step))) {
        ctx.addIssue({
          code: "custom",
          message: "must be up to 20 comma-separated delays in seconds, e.g. 0,5,300",
        });
        return z.NEVER;
      }
      return steps.map(Number);
    }),
);

const databaseUrl = z.preprocess(
  unset,
  z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default(DEFAULT_DATABASE_URL),
);

const schema = z.object({
  PORT: whole(3000, 65535),
  HOST: z.preprocess(unset, z.string().default("127.0.0.1")),
  WORKBENCH_URL: z.preprocess(
    unset,
    z.url({ error: "must be a URL such as https://workbench.example.com" }).optional(),
  ),
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: whole(10),
  WORKBENCH_ADMIN_EMAIL: z.preprocess(
    unset,
    z.email({ error: "must be an email address" }).default(DEFAULT_ADMIN_EMAIL),
  ),
  WORKBENCH_ADMIN_PASSWORD: adminPassword,
  WORKBENCH_ORGANISATION_NAME: z.preprocess(unset, z.string().default(DEFAULT_ORGANISATION_NAME)),
  WORKBENCH_SESSION_IDLE_MINUTES: positive(30),
  WORKBENCH_SIGNIN_MAX_FAILURES: whole(5),
  WORKBENCH_TRUST_PROXY: trustProxy,
  // The master key and the outbound allowlist are checked where they are used (lib/crypto,
  // lib/outbound), whose messages name the bad key or entry.
  WORKBENCH_ENCRYPTION_KEY: text(),
  WORKBENCH_ENCRYPTION_KEY_PREVIOUS: text(),
  WORKBENCH_ENCRYPTION_KEY_FILE: text(),
  WORKBENCH_OUTBOUND_ALLOW: z.preprocess(unset, z.string().default("")),
  // The test suite's setting: nothing leaves the machine (lib/outbound/allowlist.ts).
  WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK: flag(),
  WORKBENCH_TOKEN_RATE_LIMIT: whole(60),
  WORKBENCH_AUTH_FAILURE_RATE_LIMIT: whole(20),
  WORKBENCH_RATE_LIMIT_WINDOW_SECONDS: whole(60),
  WORKBENCH_WEBHOOK_RETRY_SCHEDULE: retrySchedule,
  WORKBENCH_WEBHOOK_RETENTION_DAYS: whole(30),
  WORKBENCH_WEBHOOK_CONCURRENCY: whole(16, 1000),
  WORKBENCH_WEBHOOK_LEASE_SECONDS: whole(30),
  WORKBENCH_ANALYTICS_BATCH_SECONDS: whole(300, 86_400),
  WORKBENCH_ANALYTICS_SETTLE_SECONDS: whole(30, 3_600),
  WORKBENCH_METRICS: flag(),
  WORKBENCH_METRICS_TOKEN: z.preprocess(
    unset,
    z.string().min(16, "must be at least 16 characters (a random token: openssl rand -hex 32)").optional(),
  ),
  WORKBENCH_LOG_LEVEL: z.preprocess(
    unset,
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
  ),
  // Where the built console (.next/) lives when the server bundle runs from elsewhere.
  WORKBENCH_ROOT: text(),
  NODE_ENV: z.preprocess(unset, z.string().default("development")),
});

const VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** Never echoed in an error: they may carry a password or a key. */
const SECRET_VARIABLES = new Set([
  "DATABASE_URL",
  "WORKBENCH_ADMIN_PASSWORD",
  "WORKBENCH_ENCRYPTION_KEY",
  "WORKBENCH_ENCRYPTION_KEY_PREVIOUS",
]);

function shape(env: z.infer<typeof schema>) {
  return {
    port: env.PORT,
    host: env.HOST,
    /** The public URL without a trailing slash (cookies are `Secure` when it is https). */
    publicUrl: (env.WORKBENCH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    databaseUrl: env.DATABASE_URL,
    isPostgres: /^postgres(ql)?:\/\//.test(env.DATABASE_URL),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    admin: {
      email: env.WORKBENCH_ADMIN_EMAIL.toLowerCase(),
      /** Unset: the first run generates one and prints it once. */
      password: env.WORKBENCH_ADMIN_PASSWORD,
      organisationName: env.WORKBENCH_ORGANISATION_NAME,
    },
    sessionIdleSeconds: Math.round(env.WORKBENCH_SESSION_IDLE_MINUTES * 60),
    signInMaxFailures: env.WORKBENCH_SIGNIN_MAX_FAILURES,
    trustProxy: env.WORKBENCH_TRUST_PROXY,
    encryption: {
      key: env.WORKBENCH_ENCRYPTION_KEY,
      previousKeys: env.WORKBENCH_ENCRYPTION_KEY_PREVIOUS,
      keyFile: env.WORKBENCH_ENCRYPTION_KEY_FILE ?? DEFAULT_KEY_FILE,
      /** Whether WORKBENCH_ENCRYPTION_KEY_FILE was set (on PostgreSQL only an explicit file will do). */
      keyFileExplicit: env.WORKBENCH_ENCRYPTION_KEY_FILE !== undefined,
    },
    outbound: {
      allow: env.WORKBENCH_OUTBOUND_ALLOW,
      confineToLoopback: env.WORKBENCH_OUTBOUND_CONFINE_TO_LOOPBACK,
    },
    rateLimits: {
      tokenLimit: env.WORKBENCH_TOKEN_RATE_LIMIT,
      authFailureLimit: env.WORKBENCH_AUTH_FAILURE_RATE_LIMIT,
      windowSeconds: env.WORKBENCH_RATE_LIMIT_WINDOW_SECONDS,
    },
    webhooks: {
      /** Seconds before each attempt: [0] the first, [n] after the n-th failure. */
      retrySchedule: env.WORKBENCH_WEBHOOK_RETRY_SCHEDULE,
      retentionDays: env.WORKBENCH_WEBHOOK_RETENTION_DAYS,
      concurrency: env.WORKBENCH_WEBHOOK_CONCURRENCY,
      leaseSeconds: env.WORKBENCH_WEBHOOK_LEASE_SECONDS,
    },
    analyticsExport: {
      /** One batch (one S3 object) per bucket per interval of this many seconds. */
      intervalSeconds: env.WORKBENCH_ANALYTICS_BATCH_SECONDS,
      /** An interval is cut this long after it ends, so transactions still open in it have committed. */
      settleSeconds: env.WORKBENCH_ANALYTICS_SETTLE_SECONDS,
    },
    /** GET /metrics (Prometheus) is served only when this is on. */
    metrics: env.WORKBENCH_METRICS,
    /** With a token, GET /metrics answers only a scraper that sends it as a bearer token. */
    metricsToken: env.WORKBENCH_METRICS_TOKEN,
    logLevel: env.WORKBENCH_LOG_LEVEL,
    root: env.WORKBENCH_ROOT,
    production: env.NODE_ENV === "production",
  };
}

export type Config = ReturnType<typeof shape>;

/** Every problem with the environment at once, one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `configuration: ${problems.length} problem(s) in the environment\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** Parses the product's variables from `env`; throws a ConfigError listing every problem. */
export function parseConfig(env: Env): Config {
  const values = Object.fromEntries(VARIABLES.map((name) => [name, env[name]]));
  const result = schema.safeParse(values);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return SECRET_VARIABLES.has(name)
          ? `${name} ${issue.message}`
          : `${name} ${issue.message}, got ${JSON.stringify(env[name])}`;
      }),
    );
  }
  return shape(result.data);
}

let cached: { fingerprint: string; config: Config } | null = null;

/**
 * The process's configuration, parsed once. It is parsed again only when one of its variables
 * changed since (tests set them at run time), so a long-running server parses it once.
 */
export function config(): Config {
  const env = process.env;
  const fingerprint = VARIABLES.map((name) => env[name] ?? "\u0000").join("\u0001");
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, config: parseConfig(env) };
  return cached.config;
}

/** `parseConfig(env)` for a caller that passes its own variables (tests), else `config()`. */
export function configFrom(env?: Env): Config {
  return env ? parseConfig(env) : config();
}
