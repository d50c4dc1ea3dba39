"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MfaEnrolment } from "./mfa-enrolment";

export function TwoFactorSection({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  // Enrolment stays on screen until the member saw the recovery codes, although the page
  // re-renders with two-factor sign-in on as soon as the first code is accepted.
  const [enrolling, setEnrolling] = useState(!enabled);
  if (enrolling)
    return (
      <>
        <p className="text-sm text-slate-600">
          Protect your account with a code from an authenticator app on your phone, asked after your password.
        </p>
        <MfaEnrolment
          onDone={() => {
            setEnrolling(false);
            router.refresh();
          }}
        />
      </>
    );
  return (
    <p className="text-sm text-slate-600">
      Signing in asks for a code from your authenticator app, or one of your recovery codes. Lost both? An
      Owner or Admin can reset two-factor sign-in for you on the Members page.
    </p>
  );
}
