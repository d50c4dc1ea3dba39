"use server";
import { revalidatePath } from "next/cache";
import {
  createApiKey,
  deleteApiKey,
  getApiKey,
  revokeApiKey,
  rotateApiKey,
  updateApiKey,
  type ApiKeyView,
} from "@/lib/api-keys";
import {
  apiKeyIdInput,
  createApiKeyInput,
  rotateApiKeyInput,
  updateApiKeyInput,
} from "@/lib/api-keys/schemas";
import type { z } from "zod";
import { DomainError, fail, invalid, ok, type ActionResult } from "@/lib/result";
import { environmentOfInput, inputFields, requireMember, type MemberActor } from "@/app/_lib/session";
import { runAction } from "@/app/_lib/action";

// Every action names the environment of its URL (`environment`); it is checked against the
// member's organisation and, for an existing key, against the key's own environment, so an id
// sent from another environment or organisation is refused.

export type IssuedSecret = {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  previousSecretExpiresAt: string | null;
};

/** The key named by the input, only if it lives in the URL's environment. */
async function keyInEnvironment(member: MemberActor, input: unknown) {
  const environment = await environmentOfInput(member, input);
  const { id } = apiKeyIdInput.parse({ id: inputFields(input).id });
  const key = await getApiKey(member, { id });
  if (key.environmentId !== environment.id) throw new DomainError("API key not found", "not_found");
  return { environment, key };
}

const listPath = (environment: string) => `/${environment}/configuration/api-keys`;

export async function createApiKeyAction(input: unknown): Promise<ActionResult<IssuedSecret>> {
  return runAction(async () => {
    const member = await requireMember("apiKeys", "edit");
    const environment = await environmentOfInput(member, input);
    const parsed = createApiKeyInput.safeParse({ ...inputFields(input), environmentId: environment.id });
    if (!parsed.success) return invalid(parsed.error);
    const { key, clientSecret } = await createApiKey(member, parsed.data);
    revalidatePath(listPath(environment.name), "layout");
    return ok({
      id: key.id,
      name: key.name,
      clientId: key.clientId,
      clientSecret,
      previousSecretExpiresAt: null,
    });
  });
}

/**
 * An action on one existing key: the edit right, valid input, and the key in the URL's
 * environment; the list is revalidated when it succeeds.
 */
function onExistingKey<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (member: MemberActor, data: z.output<S>, key: ApiKeyView) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  return runAction(async () => {
    const member = await requireMember("apiKeys", "edit");
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { environment, key } = await keyInEnvironment(member, input);
    const result = await run(member, parsed.data, key);
    if (result.ok) revalidatePath(listPath(environment.name), "layout");
    return result;
  });
}

export async function updateApiKeyAction(input: unknown): Promise<ActionResult> {
  return onExistingKey(updateApiKeyInput, input, async (member, data) => {
    await updateApiKey(member, data);
    return ok();
  });
}

export async function rotateApiKeyAction(input: unknown): Promise<ActionResult<IssuedSecret>> {
  return onExistingKey(rotateApiKeyInput, input, async (member, data) => {
    const { key, clientSecret } = await rotateApiKey(member, data);
    return ok({
      id: key.id,
      name: key.name,
      clientId: key.clientId,
      clientSecret,
      previousSecretExpiresAt: key.previousSecretExpiresAt?.toISOString() ?? null,
    });
  });
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult> {
  return onExistingKey(apiKeyIdInput, input, async (member, data) => {
    await revokeApiKey(member, data);
    return ok();
  });
}

/** Deletes a key; the caller must type the key's name, checked here as well as in the form. */
export async function deleteApiKeyAction(input: unknown): Promise<ActionResult> {
  return onExistingKey(apiKeyIdInput, input, async (member, data, key) => {
    if (inputFields(input).confirmName !== key.name) {
      return fail("Type the key's name to confirm.", { confirmName: `Type "${key.name}" to confirm` });
    }
    await deleteApiKey(member, data);
    return ok();
  });
}
