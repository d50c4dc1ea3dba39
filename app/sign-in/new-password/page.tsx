import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signedInMember } from "../../_lib/session";
import { SignInFrame } from "../_components/sign-in-frame";
import { NewPasswordForm } from "../_components/new-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

/** After signing in with a temporary password: nothing else until the member chose their own. */
export default async function NewPasswordPage() {
  const { member, pending } = await signedInMember();
  if (pending !== "password") redirect("/");
  return (
    <SignInFrame title="Choose a new password">
      <p className="text-sm text-slate-600">
        You signed in as <span className="font-medium">{member.label}</span> with a temporary password. Choose
        your own to continue: at least 12 characters, and not a commonly used one.
      </p>
      <NewPasswordForm />
    </SignInFrame>
  );
}
