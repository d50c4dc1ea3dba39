import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { resolveConsoleSession, type PendingStep } from "@/lib/auth/session";
import { assertCan, type Access, type Resource } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError, isDomainError } from "@/lib/result";
import { listEnvironments, type EnvironmentView } from "@/lib/organisations/environments";
import { requestInfo } from "./request";

export type MemberActor = Actor & { type: "member" };

const currentSession = cache(async () => {
  const info = await requestInfo();
  const session = await resolveConsoleSession(info.headers);
  return { session, info };
});

/** Where a member with a step still to do is sent before any other page. */
export const PENDING_STEP_PATHS: Record<PendingStep, string> = {
  password: "/sign-in/new-password",
  mfa: "/sign-in/two-factor",
};

const PENDING_STEP_REFUSALS: Record<PendingStep, string> = {
  password: "Choose a new password first.",
  mfa: "Set up two-factor sign-in first.",
};

/**
 * For pages and layouts: the signed-in member, or a redirect to the sign-in page; a member who
 * must first replace a temporary password or enrol in two-factor sign-in is sent there.
 */
export async function currentMember(): Promise<MemberActor> {
  const { member, pending } = await signedInMember();
  if (pending) redirect(PENDING_STEP_PATHS[pending]);
  return member;
}

/** For the pages of a pending step: the member and the step (null when there is none left). */
export async function signedInMember(): Promise<{ member: MemberActor; pending: PendingStep | null }> {
  const { session, info } = await currentSession();
  if (session.status === "idle-expired") redirect("/sign-in?reason=idle");
  if (session.status !== "signed-in") redirect("/sign-in");
  return { member: memberActor(session, info), pending: session.pending };
}

/**
 * For server actions: the signed-in member with the right, or a DomainError (never a redirect).
 * A member with a pending step may only call the actions that complete it (`duringPendingStep`).
 */
export async function requireMember(
  resource: Resource | "ownAccount",
  access: Access,
  options: { duringPendingStep?: boolean } = {},
): Promise<MemberActor> {
  const { session, info } = await currentSession();
  if (session.status !== "signed-in") {
    throw new DomainError(
      session.status === "idle-expired"
        ? "Your session expired after inactivity. Sign in again."
        : "Sign in to continue.",
      "forbidden",
    );
  }
  if (session.pending && !options.duringPendingStep)
    throw new DomainError(PENDING_STEP_REFUSALS[session.pending], "forbidden");
  // Every member may manage their own account; the services check it is their own.
  if (resource !== "ownAccount") assertCan(session.role, resource, access);
  return memberActor(session, info);
}

type SignedIn = Extract<Awaited<ReturnType<typeof resolveConsoleSession>>, { status: "signed-in" }>;

function memberActor(session: SignedIn, info: Awaited<ReturnType<typeof requestInfo>>): MemberActor {
  return {
    type: "member",
    organisationId: session.organisationId,
    userId: session.userId,
    memberId: session.memberId,
    role: session.role,
    label: session.email,
    name: session.name,
    sessionId: session.sessionId,
    ip: info.ip,
    userAgent: info.userAgent,
  };
}

export type EnvironmentPageProps = {
  params: Promise<{ env: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The signed-in member's environments, read once per request: the layout (its switcher) and
 * the page (the URL's environment) both need them.
 */
export const consoleEnvironments = cache(async () => listEnvironments(await currentMember()));

/** For pages under /[env]: the signed-in member and the environment the URL names. */
export async function pageEnvironment(params: Promise<{ env: string }>) {
  const member = await currentMember();
  const name = decodeURIComponent((await params).env);
  // Unknown or another organisation's: the 404 page (as the layout shows), not an error.
  const environment = (await consoleEnvironments()).find((e) => e.name === name);
  if (!environment) notFound();
  return { member, environment };
}

/** What `load` finds, or the 404 page when it is not found or its id is malformed. */
async function orNotFound<R>(load: () => Promise<R>): Promise<R> {
  try {
    return await load();
  } catch (error) {
    // A malformed id or one of another tenant: the same "not found" as an id that never existed.
    if (isDomainError(error, "not_found", "invalid")) notFound();
    throw error;
  }
}

/** For a record's page under /[env]: the record, only if it lives in the URL's environment; else the 404 page. */
export async function recordInEnvironment<R extends { environmentId: number }>(
  environment: EnvironmentView,
  load: () => Promise<R>,
): Promise<R> {
  const record = await orNotFound(load);
  if (record.environmentId !== environment.id) notFound();
  return record;
}

/** What a list page reads first: the member, the URL's environment and its search parameters. */
export async function listPageRequest({ params, searchParams }: EnvironmentPageProps) {
  const { member, environment } = await pageEnvironment(params);
  const raw = await searchParams;
  /** A single-valued search parameter, or "". */
  const text = (name: string) => {
    const value = raw[name];
    return typeof value === "string" ? value : "";
  };
  return { member, environment, text, search: text("q").trim() };
}
