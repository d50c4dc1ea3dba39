import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { resolveConsoleSession } from "@/lib/auth/session";
import { Alert } from "@/components/ui/card";
import { requestInfo } from "../_lib/request";
import { SignInForm } from "./_components/sign-in-form";
import { SignInFrame } from "./_components/sign-in-frame";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const session = await resolveConsoleSession((await requestInfo()).headers);
  if (session.status === "signed-in") redirect("/");
  const { reason } = await searchParams;
  return (
    <SignInFrame title="Sign in">
      {reason === "idle" ? (
        <Alert tone="warning" role="status">
          Your session expired after inactivity. Sign in again.
        </Alert>
      ) : null}
      <SignInForm />
    </SignInFrame>
  );
}
