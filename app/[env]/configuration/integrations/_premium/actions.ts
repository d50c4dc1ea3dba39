"use server";
import { revalidatePath } from "next/cache";
import {
  createIntegration,
  deleteIntegration,
  runIntegrationTest,
  updateIntegration,
  type IntegrationTestResult,
  type IntegrationView,
} from "@/lib/integrations";
import {
  createIntegrationInput,
  deleteIntegrationInput,
  testIntegrationInput,
  updateIntegrationInput,
} from "@/lib/integrations/schemas";
import { invalid, ok, type ActionResult } from "@/lib/result";
import { requireMember } from "@/app/_lib/session";
import { runAction } from "@/app/_lib/action";

// Every action re-checks role, organisation and the premium feature flag on the server (in lib/).

function revalidateIntegrationPages() {
  revalidatePath("/[env]/configuration/integrations", "layout");
}

export async function createIntegrationAction(input: unknown): Promise<ActionResult<IntegrationView>> {
  return runAction(async () => {
    const member = await requireMember("integrations", "edit");
    const parsed = createIntegrationInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const created = await createIntegration(member, parsed.data);
    revalidateIntegrationPages();
    return ok(created);
  });
}

export async function updateIntegrationAction(input: unknown): Promise<ActionResult<IntegrationView>> {
  return runAction(async () => {
    const member = await requireMember("integrations", "edit");
    const parsed = updateIntegrationInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const updated = await updateIntegration(member, parsed.data);
    revalidateIntegrationPages();
    return ok(updated);
  });
}

export async function deleteIntegrationAction(
  input: unknown,
): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const member = await requireMember("integrations", "edit");
    const parsed = deleteIntegrationInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const deleted = await deleteIntegration(member, parsed.data);
    revalidateIntegrationPages();
    return ok({ id: deleted.id, name: deleted.name });
  });
}

export async function testIntegrationAction(input: unknown): Promise<ActionResult<IntegrationTestResult>> {
  return runAction(async () => {
    const member = await requireMember("integrations", "edit");
    const parsed = testIntegrationInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const result = await runIntegrationTest(member, parsed.data);
    revalidateIntegrationPages();
    return ok(result);
  });
}
