import "server-only";
import { getApiKey, getLeastPrivilege } from "@/lib/api-keys";
import type { Actor } from "@/lib/auth/actor";
import { isDomainError } from "@/lib/result";
import type { BasedOnKey } from "./new-api-key-form";

/**
 * The new-key form's starting point for "Create a fine-grained key with exactly these": the
 * permissions the key's calls needed, its name and allowlist. Null when the key is not one of
 * this environment's (the form then starts empty).
 */
export async function observedUseOf(
  actor: Actor,
  environmentId: number,
  id: string,
): Promise<BasedOnKey | null> {
  try {
    const key = await getApiKey(actor, { id });
    if (key.environmentId !== environmentId) return null;
    const use = await getLeastPrivilege(actor, key.id);
    if (use.suggested.length === 0) return null;
    return {
      id: key.id,
      name: key.name,
      clientId: key.clientId,
      suggestedName: `${key.name} (least privilege)`.slice(0, 100),
      permissions: use.suggested,
      allowlist: key.allowlist,
      windowDays: use.windowDays,
      uncovered: use.roleCalls.map((call) => call.role),
    };
  } catch (error) {
    if (isDomainError(error, "not_found", "invalid")) return null;
    throw error;
  }
}
