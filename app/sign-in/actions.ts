"use server";
import { redirect } from "next/navigation";
import { signInInput } from "@/lib/organisations/schemas";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { invalid, type ActionResult } from "@/lib/result";
import { requestInfo } from "../_lib/request";
import { runAction } from "../_lib/action";

export async function signInAction(input: unknown): Promise<ActionResult> {
  const result = await runAction(async () => {
    const parsed = signInInput.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    await signIn(parsed.data, await requestInfo());
    return { ok: true as const, data: undefined };
  });
  if (result.ok) redirect("/");
  return result;
}

export async function signOutAction(): Promise<void> {
  const { headers } = await requestInfo();
  await signOut(headers);
  redirect("/sign-in");
}
