"use client";
import { useRouter } from "next/navigation";
import { MfaEnrolment } from "@/app/[env]/account/_components/mfa-enrolment";

export function RequiredEnrolment() {
  const router = useRouter();
  return (
    <MfaEnrolment
      onDone={() => {
        router.replace("/");
        router.refresh();
      }}
    />
  );
}
