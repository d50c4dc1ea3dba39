"use client";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MfaEnrolment } from "@/app/[env]/account/_components/mfa-enrolment";

/** The enrolment the organisation requires; it stays on screen until the recovery codes were seen. */
export function RequiredEnrolment({ enrolled }: { enrolled: boolean }) {
  const router = useRouter();
  const [enrolling] = useState(!enrolled);
  if (!enrolling)
    return (
      <p className="text-sm">
        Two-factor sign-in is on for your account.{" "}
        <Link href="/" className="font-medium text-brand-700 underline">
          Continue
        </Link>
      </p>
    );
  return (
    <MfaEnrolment
      onDone={() => {
        router.replace("/");
        router.refresh();
      }}
    />
  );
}
