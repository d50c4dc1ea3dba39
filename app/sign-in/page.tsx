import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { KeyRound } from "lucide-react";
import { resolveConsoleSession } from "@/lib/auth/session";
import { Alert } from "@/components/ui/card";
import { requestInfo } from "../_lib/request";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const session = await resolveConsoleSession((await requestInfo()).headers);
  if (session.status === "signed-in") redirect("/");
  const { reason } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex items-center gap-2 text-xl font-semibold">
          <KeyRound className="size-6 text-brand-700" aria-hidden />
          Workbench
        </div>
        <h1 className="text-2xl font-semibold">Sign in</h1>
        {reason === "idle" ? (
          <Alert tone="warning" role="status">
            Your session expired after inactivity. Sign in again.
          </Alert>
        ) : null}
        <SignInForm />
      </div>
    </main>
  );
}
