import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signedInMember } from "../../_lib/session";
import { SignInFrame } from "../_components/sign-in-frame";
import { RequiredEnrolment } from "../_components/required-enrolment";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

/**
 * The organisation requires two-factor sign-in and this member has none yet: enrol first. The
 * page also renders once enrolment is done (the session changes then), so the recovery codes
 * stay on screen until the member continues.
 */
export default async function RequiredTwoFactorPage() {
  const { pending } = await signedInMember();
  if (pending === "password") redirect("/sign-in/new-password");
  return (
    <SignInFrame title="Set up two-factor sign-in" wide>
      <p className="text-sm text-slate-600">
        Your organisation requires a code from an authenticator app at every sign-in. Set it up to continue.
      </p>
      <RequiredEnrolment enrolled={pending !== "mfa"} />
    </SignInFrame>
  );
}
