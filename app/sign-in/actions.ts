"use server";
import { redirect } from "next/navigation";
import { signInInput } from "@/lib/organisations/schemas";
import { replaceTemporaryPasswordInput, signInCodeInput } from "@/lib/auth/schemas";
import { signIn, signOut, verifySignInCode } from "@/lib/auth/sign-in";
import { replaceTemporaryPassword } from "@/lib/auth/account";
import { invalid, ok, type ActionResult } from "@/lib/result";
import { requestInfo } from "../_lib/request";
import { memberAction, runAction } from "../_lib/action";

export async function signInAction(input: unknown): Promise<ActionResult> {
  let outcome: Awaited<ReturnType<typeof signIn>> | null = null;
  const result = await runAction(async () => {
    const parsed = signInInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    outcome = await signIn(parsed.data, await requestInfo());
    return ok();
  });
  if (result.ok) redirect(outcome === "second-factor" ? "/sign-in/code" : "/");
  return result;
}

/** The second step for a member with two-factor sign-in: a code from the app or a recovery code. */
export async function signInCodeAction(input: unknown): Promise<ActionResult> {
  const result = await runAction(async () => {
    const parsed = signInCodeInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    await verifySignInCode(parsed.data, await requestInfo());
    return ok();
  });
  if (result.ok) redirect("/");
  return result;
}

/** After signing in with a temporary password: the member's own password replaces it. */
export const replaceTemporaryPasswordAction = memberAction(
  {
    resource: "ownAccount",
    access: "edit",
    duringPendingStep: true,
    input: replaceTemporaryPasswordInput,
  },
  async ({ member, data }) => {
    await replaceTemporaryPassword(member, data);
  },
);

export async function signOutAction(): Promise<void> {
  const { headers } = await requestInfo();
  await signOut(headers);
  redirect("/sign-in");
}
