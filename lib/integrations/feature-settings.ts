import "server-only";
import { recordAudit } from "../audit";
import { assertActorCan } from "../auth/access";
import type { Actor } from "../auth/actor";
import { enabledFeatures, setFeature } from "../organisations/features";
import { parseInput } from "../result";
import { PREMIUM_FEATURES, type PremiumFeature } from "./kinds";
import { setFeatureInput, type SetFeatureInput } from "./schemas";

export type FeatureStates = Record<PremiumFeature, boolean>;

export async function featureStates(organisationId: string): Promise<FeatureStates> {
  const enabled = await enabledFeatures(organisationId);
  return Object.fromEntries(PREMIUM_FEATURES.map((f) => [f, enabled.includes(f)])) as FeatureStates;
}

/** Turns a premium family on or off: Owners in the console, the operator through the CLI (a system actor). */
export async function setOrganisationFeature(actor: Actor, input: SetFeatureInput): Promise<FeatureStates> {
  const { feature, enabled } = parseInput(setFeatureInput, input);
  assertActorCan(actor, "settings", "edit");
  const before = await enabledFeatures(actor.organisationId);
  if (before.includes(feature) !== enabled) {
    await setFeature(actor.organisationId, feature, enabled);
    await recordAudit(actor, {
      action: enabled ? "organisation.feature.enable" : "organisation.feature.disable",
      target: { type: "organisation", id: actor.organisationId },
      details: { feature },
    });
  }
  return featureStates(actor.organisationId);
}
