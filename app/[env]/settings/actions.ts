"use server";
import { revalidatePath } from "next/cache";
import { setOrganisationFeature, type FeatureStates } from "@/lib/integrations";
import { setFeatureInput } from "@/lib/integrations/schemas";
import { invalid, ok, type ActionResult } from "@/lib/result";
import { requireMember } from "@/app/_lib/session";
import { runAction } from "@/app/_lib/action";

/** Owner-only: turns a premium integration family on or off for the organisation (audited). */
export async function setFeatureAction(input: unknown): Promise<ActionResult<FeatureStates>> {
  return runAction(async () => {
    const member = await requireMember("settings", "edit");
    const parsed = setFeatureInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const states = await setOrganisationFeature(member, parsed.data);
    revalidatePath("/[env]", "layout");
    return ok(states);
  });
}
