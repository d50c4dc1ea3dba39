import type { Role } from "./access";

/** Who performs an operation; every service in lib/ takes one, and the audit log records it. */
export type Actor =
  | {
      type: "member";
      organisationId: string;
      userId: string;
      memberId: string;
      role: Role;
      label: string; // the member's email
      name: string;
      /** The console session the request came with (absent outside a request, e.g. tests). */
      sessionId?: string;
      ip: string | null;
      userAgent: string | null;
    }
  | {
      type: "api_key";
      organisationId: string;
      environmentId: number;
      apiKeyId: string;
      label: string; // the key's name and client ID
      ip: string | null;
      userAgent: string | null;
    }
  | {
      // The platform itself (first run, CLI) or an unauthenticated visitor (failed sign-in).
      type: "system";
      organisationId: string;
      label: string;
      ip?: string | null;
      userAgent?: string | null;
    };

export function actorId(actor: Actor): string | null {
  if (actor.type === "member") return actor.userId;
  if (actor.type === "api_key") return actor.apiKeyId;
  return null;
}
