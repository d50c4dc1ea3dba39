"use server";
import { revalidatePath } from "next/cache";
import {
  createCredential,
  deleteCredential,
  duplicateCredential,
  getCredentialForEdit,
  runCredentialTest,
  updateCredential,
  type CredentialTestResult,
} from "@/lib/credentials";
import {
  createCredentialInput,
  credentialIdInput,
  deleteCredentialInput,
  duplicateCredentialInput,
  testCredentialInput,
  updateCredentialInput,
} from "@/lib/credentials/schemas";
import { DomainError, invalid, ok, type ActionResult } from "@/lib/result";
import { environmentOfInput, inputFields, requireMember, type MemberActor } from "@/app/_lib/session";
import { runAction } from "@/app/_lib/action";

// Every action names the environment of its URL (`environment`). It is checked against the
// member's organisation and, for an existing credential, against the credential's own
// environment, so an id sent from another environment or organisation is refused.

export type SavedCredential = { id: string; name: string; version: number };

/** The credential named by the input, only if it lives in the URL's environment. */
async function credentialInEnvironment(member: MemberActor, input: unknown) {
  const environment = await environmentOfInput(member, input);
  const id = credentialIdInput.safeParse(inputFields(input).id);
  if (!id.success) throw new DomainError("Credential not found.", "not_found");
  const credential = await getCredentialForEdit(member, id.data);
  if (credential.environmentId !== environment.id)
    throw new DomainError("Credential not found.", "not_found");
  return { environment, credential };
}

function revalidateCredentials(environment: string) {
  revalidatePath(`/${environment}/configuration/integrations/credentials`, "layout");
}

export async function createCredentialAction(input: unknown): Promise<ActionResult<SavedCredential>> {
  return runAction(async () => {
    const member = await requireMember("credentials", "edit");
    const environment = await environmentOfInput(member, input);
    const parsed = createCredentialInput.safeParse({
      environmentId: environment.id,
      credential: inputFields(input).credential,
    });
    if (!parsed.success) return invalid(parsed.error);
    const created = await createCredential(member, parsed.data);
    revalidateCredentials(environment.name);
    return ok({ id: created.id, name: created.name, version: created.version });
  });
}

export async function updateCredentialAction(input: unknown): Promise<ActionResult<SavedCredential>> {
  return runAction(async () => {
    const member = await requireMember("credentials", "edit");
    const parsed = updateCredentialInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { environment } = await credentialInEnvironment(member, input);
    const updated = await updateCredential(member, parsed.data);
    revalidateCredentials(environment.name);
    return ok({ id: updated.id, name: updated.name, version: updated.version });
  });
}

export async function duplicateCredentialAction(input: unknown): Promise<ActionResult<SavedCredential>> {
  return runAction(async () => {
    const member = await requireMember("credentials", "edit");
    const parsed = duplicateCredentialInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { environment } = await credentialInEnvironment(member, input);
    const copy = await duplicateCredential(member, parsed.data);
    revalidateCredentials(environment.name);
    return ok({ id: copy.id, name: copy.name, version: copy.version });
  });
}

export async function deleteCredentialAction(input: unknown): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const member = await requireMember("credentials", "edit");
    const parsed = deleteCredentialInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { environment } = await credentialInEnvironment(member, input);
    const deleted = await deleteCredential(member, parsed.data);
    revalidateCredentials(environment.name);
    return ok({ name: deleted.name });
  });
}

/** Sends a real request with the credential applied; the result is redacted by lib/credentials. */
export async function testCredentialAction(input: unknown): Promise<ActionResult<CredentialTestResult>> {
  return runAction(async () => {
    const member = await requireMember("credentials", "edit");
    const parsed = testCredentialInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { environment } = await credentialInEnvironment(member, input);
    const result = await runCredentialTest(member, parsed.data);
    revalidateCredentials(environment.name);
    return ok(result);
  });
}
