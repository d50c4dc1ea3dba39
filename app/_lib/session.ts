import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { resolveConsoleSession } from "@/lib/auth/session";
import { assertCan, type Access, type Resource } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError, isDomainError } from "@/lib/result";
import { environmentNamed } from "@/lib/organisations/access";
import type { EnvironmentView } from "@/lib/organisations/environments";
import { requestInfo } from "./request";

export type MemberActor = Actor & { type: "member" };

const currentSession = cache(async () => {
  const info = await requestInfo();
  const session = await resolveConsoleSession(info.headers);
  return { session, info };
});

/** For pages and layouts: the signed-in member, or a redirect to the sign-in page. */
export async function currentMember(): Promise<MemberActor> {
  const { session, info } = await currentSession();
  if (session.status === "idle-expired") redirect("/sign-in?reason=idle");
  if (session.status !== "signed-in") redirect("/sign-in");
  return memberActor(session, info);
}

/** For server actions: the signed-in member with the right, or a DomainError (never a redirect). */
export async function requireMember(resource: Resource, access: Access): Promise<MemberActor> {
  const { session, info } = await currentSession();
  if (session.status !== "signed-in") {
    throw new DomainError(
      session.status === "idle-expired"
        ? "Your session expired after inactivity. Sign in again."
        : "Sign in to continue.",
      "forbidden",
    );
  }
  assertCan(session.role, resource, access);
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
    ip: info.ip,
    userAgent: info.userAgent,
  };
}

export type EnvironmentPageProps = {
  params: Promise<{ env: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** For pages under /[env]: the signed-in member and the environment the URL names. */
export async function pageEnvironment(params: Promise<{ env: string }>) {
  const member = await currentMember();
  const name = decodeURIComponent((await params).env);
  // Unknown or another organisation's: the 404 page (as the layout shows), not an error.
  const environment = await orNotFound(() => environmentNamed(member, name));
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
