// Counterexamples the fuzzing suite (tests/fuzz/actions.test.ts) found in the console's server
// actions, kept as regression tests. As there, only "who is signed in" and Next's request context
// are stubbed; validation, services and the database are real.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { ConsoleSession } from "@/lib/auth/session";
import { resetProcessState, useFreshDatabase } from "@/test-support/test-database";
import { seedOrganisation } from "./helpers/api";

const owner = { memberId: "", userId: "", organisationId: "" };

vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  resolveConsoleSession: async (): Promise<ConsoleSession> => ({
    status: "signed-in",
    sessionId: "session",
    userId: owner.userId,
    memberId: owner.memberId,
    organisationId: owner.organisationId,
    role: "owner",
    email: "owner@findings.test",
    name: "Owner",
    pending: null,
  }),
}));
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ "user-agent": "workbench-tests/1.0", "x-workbench-client-ip": "127.0.0.1" }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => {},
    delete: () => {},
    has: () => false,
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

beforeAll(async () => {
  await useFreshDatabase("sqlite");
  const seed = await seedOrganisation();
  const user = await db().user.create({ data: { id: "owner", email: "owner@findings.test", name: "Owner" } });
  const member = await db().member.create({
    data: { organisationId: seed.organisationId, userId: user.id, role: "owner" },
  });
  Object.assign(owner, { memberId: member.id, userId: user.id, organisationId: seed.organisationId });
});
afterAll(() => resetProcessState());

describe("server actions and text no column can hold", () => {
  it("answer an unpaired surrogate or NUL with a field error, not the generic error, and store nothing", async () => {
    const { updateApiKeyAction } = await import("@/app/[env]/configuration/api-keys/actions");
    const { paletteRecordsAction } = await import("@/app/[env]/actions");
    const { createCredentialAction } =
      await import("@/app/[env]/configuration/integrations/credentials/actions");
    // The fuzzer's counterexample: an Editor's update with a lone surrogate as the environment.
    expect(await updateApiKeyAction({ id: "cred_yziSIrFSY5A-EboN", environment: "\ud800" })).toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { environment: "Use text without NUL characters or unpaired surrogates." },
    });
    expect(await paletteRecordsAction({ environment: "prod\u0000" })).toMatchObject({
      ok: false,
      fieldErrors: { environment: "Use text without NUL characters or unpaired surrogates." },
    });
    const created = await createCredentialAction({
      environment: "production",
      credential: { type: "basic", name: "x\udc00", username: "u", password: "p" },
    });
    expect(created).toMatchObject({
      ok: false,
      fieldErrors: { "credential.name": "Use text without NUL characters or unpaired surrogates." },
    });
    expect(await db().credential.count()).toBe(0);
    expect(await paletteRecordsAction({ environment: "production" })).toEqual({ ok: true, data: [] });
  });
});
