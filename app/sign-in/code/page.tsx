import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { resolveConsoleSession } from "@/lib/auth/session";
import { hasPendingSignIn, SIGN_IN_EXPIRED } from "@/lib/auth/sign-in";
import { Alert } from "@/components/ui/card";
import { requestInfo } from "../../_lib/request";
import { SignInFrame } from "../_components/sign-in-frame";
import { SignInCodeForm } from "../_components/sign-in-code-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function SignInCodePage() {
  const { headers } = await requestInfo();
  const session = await resolveConsoleSession(headers);
  if (session.status === "signed-in") redirect("/");
  const pending = await hasPendingSignIn(headers);
  return (
    <SignInFrame title="Two-factor sign-in">
      {pending ? (
        <SignInCodeForm />
      ) : (
        <Alert tone="warning" role="status">
          {SIGN_IN_EXPIRED}{" "}
          <Link href="/sign-in" className="font-medium underline">
            Sign in
          </Link>
        </Alert>
      )}
    </SignInFrame>
  );
}
