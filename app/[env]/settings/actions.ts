"use server";
import { setOrganisationFeature, type FeatureStates } from "@/lib/integrations";
import { setFeatureInput } from "@/lib/integrations/schemas";
import { requireMfaInput } from "@/lib/organisations/schemas";
import { setRequireMfa } from "@/lib/organisations/security";
import { memberAction } from "@/app/_lib/action";

/** Owner-only: turns a premium integration family on or off for the organisation (audited). */
export const setFeatureAction = memberAction(
  { resource: "settings", access: "edit", input: setFeatureInput, revalidate: "/[env]" },
  ({ member, data }): Promise<FeatureStates> => setOrganisationFeature(member, data),
);

/** Owner-only: requires two-factor sign-in of every member (or stops requiring it); audited. */
export const setRequireMfaAction = memberAction(
  { resource: "settings", access: "edit", input: requireMfaInput, revalidate: "/[env]" },
  async ({ member, data }) => {
    await setRequireMfa(member, data);
  },
);
