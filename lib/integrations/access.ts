import "server-only";
import { assertCan, type Access } from "../auth/access";
import type { Actor } from "../auth/actor";
import { ownedWhere } from "../organisations/access";
import { enabledFeatures } from "../organisations/features";
import { DomainError } from "../result";
import {
  enableCommand,
  FEATURE_LABELS,
  FEATURE_OF,
  type IntegrationKind,
  type PremiumFeature,
} from "./kinds";

export const NOT_FOUND = "Integration not found.";

/** Console members by role; API keys and the platform never manage premium integrations here. */
export function assertIntegrationAccess(actor: Actor, access: Access): void {
  if (actor.type === "member") assertCan(actor.role, "integrations", access);
  else if (actor.type === "api_key")
    throw new DomainError("API keys cannot manage premium integrations.", "forbidden");
}

export function premiumRefusal(feature: PremiumFeature): string {
  return `${FEATURE_LABELS[feature]} is a premium feature that is not enabled for your organisation. An operator enables it with \`${enableCommand(feature)}\`, or an Owner in Organisation settings.`;
}

/** The feature flag, checked on the server for every read, change and test — not only by hiding pages. */
export async function assertFeatureEnabled(organisationId: string, kind: IntegrationKind): Promise<void> {
  const feature = FEATURE_OF[kind];
  if (!(await enabledFeatures(organisationId)).includes(feature))
    throw new DomainError(premiumRefusal(feature), "forbidden");
}

/** Where-clause that limits an integration lookup to the actor's organisation. */
export function ownedIntegration(actor: Actor, id: string) {
  return { id, ...ownedWhere(actor) };
}
