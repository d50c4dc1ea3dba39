// Replays every server action (each exported function of app/**/actions.ts, found at run time, so
// a new action is fuzzed without a change here) in-process with random form data, as each role
// of the organisation, as a member of another organisation, and signed out. Only "who is signed
// in" is stubbed — resolveConsoleSession answers with the chosen member as the database has them
// now (role included), exactly what it derives from a session cookie — and Next's request
// context (headers, cookies, revalidation) is replaced by plain objects; validation, the lib/
// services and the database are the real ones. Properties: an action never throws (other than
// Next's redirect), never answers the generic "Something went wrong", never writes when it
// refuses, a Viewer (or nobody) never writes, and no secret reaches its answer.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { db } from "@/lib/db";
import { createApiKey } from "@/lib/api-keys";
import { createCredential } from "@/lib/credentials";
import { createEndpoint, sendTestEvent } from "@/lib/webhooks";
import type { ConsoleSession } from "@/lib/auth/session";
import { resetProcessState, useFreshDatabase } from "@/test-support/test-database";
import { seedOrganisation, type Seed } from "../integration/helpers/api";
import { CaseCounter, parameters, runs } from "./helpers/budget";
import { jsonValue, nastyString } from "./helpers/arbitraries";
import { jsonSchemaOf, objectFor } from "./helpers/schema-arbitrary";
import { addServerSecrets, Secrets } from "./helpers/secrets";
import { installWriteCounters, writeCounts, writesBetween } from "./helpers/writes";

// ---- the seams: who is signed in, and Next's request context ---------------------------------

const signedIn: { memberId: string | null; state: "signed-in" | "signed-out" | "idle-expired" } = {
  memberId: null,
  state: "signed-out",
};

vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  resolveConsoleSession: async (): Promise<ConsoleSession> => {
    if (signedIn.state === "idle-expired") return { status: "idle-expired" };
    if (signedIn.state !== "signed-in" || !signedIn.memberId) return { status: "signed-out" };
    const member = await db().member.findUnique({
      where: { id: signedIn.memberId },
      select: {
        id: true,
        organisationId: true,
        role: true,
        user: { select: { id: true, email: true, name: true } },
      },
    });
    if (!member) return { status: "signed-out" };
    return {
      status: "signed-in",
      sessionId: `fuzz-${member.id}`,
      userId: member.user.id,
      memberId: member.id,
      organisationId: member.organisationId,
      role: member.role as "owner",
      email: member.user.email,
      name: member.user.name,
      pending: null, // past every sign-in step (new password, second factor)
    };
  },
}));

vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ "user-agent": "workbench-fuzz/1.0", "x-workbench-client-ip": "127.0.0.1" }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => {},
    delete: () => {},
    has: () => false,
  }),
}));

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, refresh: () => {} }));

// ---- the actions and the inputs they take ------------------------------------------------------

type Action = {
  file: string;
  name: string;
  run: (input: unknown) => Promise<unknown>;
  /** The input schemas its file names, and the one named like the action (if any). */
  schemas: z.ZodType[];
  own: z.ZodType[];
};

const actionModules = import.meta.glob<Record<string, unknown>>("/app/**/actions.ts");
const actionSources = import.meta.glob<string>("/app/**/actions.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});
const schemaModules = import.meta.glob<Record<string, unknown>>("/lib/**/schemas.ts", { eager: true });

/** The zod schemas of lib/**\/schemas.ts by export name. */
function schemasByName(): Map<string, z.ZodType> {
  const found = new Map<string, z.ZodType>();
  for (const exports of Object.values(schemaModules))
    for (const [name, value] of Object.entries(exports))
      if (value && typeof value === "object" && "safeParse" in value && !found.has(name))
        found.set(name, value as z.ZodType);
  return found;
}

async function loadActions(): Promise<Action[]> {
  const schemas = schemasByName();
  const actions: Action[] = [];
  for (const [file, load] of Object.entries(actionModules)) {
    // The input schemas an actions file names (its imports from lib/**/schemas.ts): the fuzzer
    // shapes inputs after them, so some reach past validation.
    const source = actionSources[file] ?? "";
    const named = [...schemas.keys()].filter((name) => new RegExp(`\\b${name}\\b`).test(source));
    for (const [name, value] of Object.entries(await load())) {
      if (typeof value !== "function") continue;
      // The schema named like the action (createApiKeyAction: createApiKeyInput) first, weighted.
      const stem = name.replace(/Action$/, "").toLowerCase();
      const own = named.filter((n) => n.replace(/(Input|Schema)$/, "").toLowerCase() === stem);
      actions.push({
        file,
        name,
        run: value as Action["run"],
        schemas: named.map((n) => schemas.get(n)!),
        own: own.map((n) => schemas.get(n)!),
      });
    }
  }
  return actions;
}

// ---- the world -----------------------------------------------------------------------------

type Identity = { label: string; memberId: string | null; state: typeof signedIn.state; role: string };

let seed: Seed;
let other: Seed;
let actions: Action[];
let identities: Identity[];
const secrets = new Secrets();
const counter = new CaseCounter("actions");
const outcomes: Record<
  string,
  { ok: number; refused: number; redirect: number; errors: Record<string, number> }
> = {};
const pools: Record<string, unknown[]> = {};
const GENERIC = "Something went wrong";

async function member(organisationId: string, role: string, email: string): Promise<string> {
  const user = await db().user.create({ data: { id: `user-${email}`, email, name: email.split("@")[0] } });
  const row = await db().member.create({ data: { organisationId, userId: user.id, role } });
  return row.id;
}

async function refreshPools(): Promise<void> {
  const ids = [
    ...(await db().apiKey.findMany({ select: { id: true }, take: 15, orderBy: { createdAt: "desc" } })),
    ...(await db().credential.findMany({ select: { id: true }, take: 15, orderBy: { createdAt: "desc" } })),
    ...(await db().integration.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: "desc" } })),
    ...(await db().webhookEndpoint.findMany({
      select: { id: true },
      take: 10,
      orderBy: { createdAt: "desc" },
    })),
  ].map((r) => r.id);
  pools.messageId = (
    await db().webhookMessage.findMany({ select: { id: true }, take: 10, orderBy: { createdAt: "desc" } })
  ).map((r) => r.id);
  const members = (await db().member.findMany({ select: { id: true } })).map((r) => r.id);
  pools.id = ids;
  pools.memberId = members;
  pools.environment = ["production", "staging", "Production", "nowhere", ""];
  pools.email = ["owner@fuzz.test", "viewer@fuzz.test", "new@fuzz.test", "NEW@fuzz.test"];
}

/** Puts the identities' memberships back as they were (a fuzzed action may change or remove them). */
async function restoreIdentities(): Promise<void> {
  for (const identity of identities) {
    if (!identity.memberId) continue;
    const organisationId = identity.label === "outsider" ? other.organisationId : seed.organisationId;
    const email = `${identity.label}@fuzz.test`;
    await db().user.upsert({
      where: { id: `user-${email}` },
      update: {},
      create: { id: `user-${email}`, email, name: identity.label },
    });
    await db().member.upsert({
      where: { id: identity.memberId },
      update: { role: identity.role, organisationId },
      create: {
        id: identity.memberId,
        organisationId,
        userId: `user-${identity.label}@fuzz.test`,
        role: identity.role,
      },
    });
  }
}

beforeAll(async () => {
  // better-auth warns on every unknown email the fuzzer signs in with.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  await useFreshDatabase("sqlite");
  seed = await seedOrganisation();
  other = await seedOrganisation("Other organisation");
  identities = [];
  for (const role of ["owner", "admin", "editor", "viewer"])
    identities.push({
      label: role,
      memberId: await member(seed.organisationId, role, `${role}@fuzz.test`),
      state: "signed-in",
      role,
    });
  identities.push({
    label: "outsider",
    memberId: await member(other.organisationId, "owner", "outsider@fuzz.test"),
    state: "signed-in",
    role: "owner",
  });
  identities.push({ label: "signed out", memberId: null, state: "signed-out", role: "none" });
  identities.push({ label: "idle expired", memberId: null, state: "idle-expired", role: "none" });

  for (const [s, env] of [
    [seed, seed.production],
    [seed, seed.staging],
    [other, other.production],
  ] as const) {
    const key = await createApiKey(s.actor, {
      environmentId: env,
      name: "seeded",
      kind: "legacy",
      role: "events",
    });
    secrets.add("client secret of a seeded key", key.clientSecret);
    const value = `fuzz-action-secret-${env}-basic`;
    await createCredential(s.actor, {
      environmentId: env,
      credential: {
        type: "basic",
        name: `basic ${env}`,
        username: "fuzz",
        password: value,
        allowedDestinations: ["http://127.0.0.1:9"],
      },
    });
    secrets.add("credential secret", value);
    // A webhook endpoint with one message (nothing delivers it here).
    const { endpoint } = await createEndpoint(s.actor, {
      environmentId: env,
      endpoint: { name: `hooks ${env}`, url: "http://127.0.0.1:9/hooks", eventTypes: ["card.created"] },
    });
    await sendTestEvent(s.actor, { id: endpoint.id });
  }
  await addServerSecrets(secrets);
  for (const row of await db().apiKey.findMany({ select: { secretHash: true } }))
    secrets.add("secret hash", row.secretHash);
  for (const row of await db().credential.findMany({ select: { secrets: true } }))
    secrets.add("stored credential secrets", row.secrets);
  actions = await loadActions();
  await refreshPools();
  await installWriteCounters();
});

afterAll(async () => {
  counter.write({ actions: actions?.map((a) => a.name), outcomes });
  await resetProcessState();
});

const IDENTITY_WEIGHTS: Record<string, number> = { owner: 4, admin: 3, editor: 3, viewer: 3 };

/**
 * Actions that sign in or out, or check the caller's own password or code (any member, Viewer
 * included, may manage their own account): they write the throttle, the audit log and sessions
 * whoever calls them, and a wrong password or code is counted.
 */
const SESSION_ACTIONS =
  /^(sign(In|InCode|Out)Action|changePasswordAction|replaceTemporaryPasswordAction|(start|confirm)MfaEnrolmentAction|signOut(Session|OtherSessions)Action)$/;

function input(action: Action): fc.Arbitrary<unknown> {
  const shaped = [
    ...action.own.map((schema) => ({
      weight: 3 * action.schemas.length,
      arbitrary: objectFor(jsonSchemaOf(schema), 0, pools),
    })),
    ...action.schemas.map((schema) => ({ weight: 1, arbitrary: objectFor(jsonSchemaOf(schema), 0, pools) })),
  ];
  const environment = fc.oneof(
    { weight: 14, arbitrary: fc.constant("production") },
    { weight: 2, arbitrary: fc.constantFrom(...(pools.environment as string[])) },
    { weight: 1, arbitrary: nastyString },
  );
  const fields = shaped.length
    ? fc.oneof(
        { weight: 6, arbitrary: fc.oneof(...shaped) },
        { weight: 1, arbitrary: fc.dictionary(nastyString, jsonValue, { maxKeys: 3 }) },
      )
    : fc.dictionary(nastyString, jsonValue, { maxKeys: 3 });
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(fields, environment, fc.integer({ min: 0, max: 9 }))
        .map(([values, env, dice]) => (dice < 9 ? { ...values, environment: env } : values)),
    },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.constantFrom("environment", "id", "memberId", "role", "name", "values", "credential"),
        jsonValue,
        { maxKeys: 4 },
      ),
    },
    { weight: 1, arbitrary: jsonValue },
  );
}

function isNextSignal(error: unknown): boolean {
  return (
    error instanceof Error &&
    "digest" in error &&
    typeof error.digest === "string" &&
    error.digest.startsWith("NEXT_")
  );
}

describe("fuzzing the console's server actions", () => {
  it("finds the actions", () => {
    expect(actions.length).toBeGreaterThanOrEqual(15);
    expect(actions.every((a) => a.name.endsWith("Action"))).toBe(true);
  });

  it("never throws, never answers generically, never writes when refusing or as a Viewer, never shows a secret", async () => {
    let n = 0;
    const cases = fc
      .tuple(
        fc.constantFrom(...actions),
        // Mostly members who may act, so inputs reach the services; Viewers often, to check they never write.
        fc.oneof(
          ...identities.map((identity) => ({
            weight: IDENTITY_WEIGHTS[identity.label] ?? 1,
            arbitrary: fc.constant(identity),
          })),
        ),
      )
      .chain(([action, identity]) => fc.tuple(fc.constant(action), fc.constant(identity), input(action)));
    await fc.assert(
      fc.asyncProperty(cases, async ([action, identity, data]) => {
        counter.add(action.name);
        if (++n % 200 === 0) await refreshPools();
        signedIn.memberId = identity.memberId;
        signedIn.state = identity.state;
        const role = identity.memberId
          ? (await db().member.findUnique({ where: { id: identity.memberId }, select: { role: true } }))?.role
          : undefined;
        const shown = `${action.name} as ${identity.label} with ${JSON.stringify(data)?.slice(0, 300)}`;
        const before = await writeCounts();
        let result: { ok: boolean; error?: string } | undefined;
        try {
          result = (await action.run(data)) as typeof result;
        } catch (error) {
          if (!isNextSignal(error)) throw new Error(`${shown} threw ${String(error)}`, { cause: error });
        }
        const after = await writeCounts();
        const outcome = (outcomes[action.name] ??= { ok: 0, refused: 0, redirect: 0, errors: {} });
        const session = SESSION_ACTIONS.test(action.name);
        const allowed = session ? ["audit_event", "setting:throttle", "session"] : [];
        if (!result) {
          outcome.redirect++;
        } else {
          expect(typeof result.ok, shown).toBe("boolean");
          const text = JSON.stringify(result);
          const leaked = secrets.find(text);
          expect(leaked, `${shown} answered the ${leaked}`).toBeNull();
          if (result.ok) outcome.ok++;
          else {
            outcome.refused++;
            const message = (result.error ?? "").slice(0, 60);
            outcome.errors[message] = (outcome.errors[message] ?? 0) + 1;
            expect(result.error ?? "", shown).not.toContain(GENERIC);
            expect(writesBetween(before, after, allowed), `writes when ${shown} was refused`).toEqual([]);
          }
          // Secrets an action hands out on purpose must never appear again.
          const handed = (result as { data?: { clientSecret?: string; temporaryPassword?: string } }).data;
          secrets.add(`secret handed out by ${action.name}`, handed?.clientSecret);
          secrets.add(`password handed out by ${action.name}`, handed?.temporaryPassword);
        }
        if (!session && (role === undefined || role === "viewer"))
          expect(writesBetween(before, after), `${shown} wrote as ${role ?? "nobody"}`).toEqual([]);
        if (writesBetween(before, after).includes("member")) await restoreIdentities();
      }),
      parameters(runs(6000)),
    );
  }, 600_000);
});
