"use client";
import { useRouter } from "next/navigation";
import { MfaEnrolment } from "./mfa-enrolment";

export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  if (enabled)
    return (
      <p className="text-sm text-slate-600">
        Signing in asks for a code from your authenticator app, or one of your recovery codes. Lost both? An
        Owner or Admin can reset two-factor sign-in for you on the Members page.
      </p>
    );
  return (
    <>
      <p className="text-sm text-slate-600">
        Protect your account with a code from an authenticator app on your phone, asked after your password.
      </p>
      <MfaEnrolment onDone={() => router.refresh()} />
    </>
  );
}
