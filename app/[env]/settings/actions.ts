"use server";
import { setOrganisationFeature, type FeatureStates } from "@/lib/integrations";
import { setFeatureInput } from "@/lib/integrations/schemas";
import { memberAction } from "@/app/_lib/action";

/** Owner-only: turns a premium integration family on or off for the organisation (audited). */
export const setFeatureAction = memberAction(
  { resource: "settings", access: "edit", input: setFeatureInput, revalidate: "/[env]" },
  ({ member, data }): Promise<FeatureStates> => setOrganisationFeature(member, data),
);
