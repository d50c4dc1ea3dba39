"use client";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import type { startMfaEnrolmentInput } from "@/lib/auth/schemas";
import type { MfaEnrolment as Enrolment } from "@/lib/auth/mfa";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { whenIdle } from "@/components/when-idle";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { FormFailure } from "@/components/ui/card";
import { startMfaEnrolmentAction } from "../actions";

// The QR code and recovery code steps are not part of the page's first load: they are fetched
// once the page is idle or the password field is focused, long before the password is checked.
const loadSteps = () => import("./mfa-enrolment-steps");
const ScanStep = dynamic(() => loadSteps().then((m) => m.ScanStep), { ssr: false });
const RecoveryCodes = dynamic(() => loadSteps().then((m) => m.RecoveryCodes), { ssr: false });

/**
 * Enrolment in three steps: the password, then the QR code (or the key to type) and a first
 * code from the app, then the recovery codes, shown this once. `onDone` runs when the member
 * confirms they saved them. Its two one-field forms go without a form library (usePlainForm):
 * the sign-in page's two-factor step renders it too.
 */
export function MfaEnrolment({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => whenIdle(() => void loadSteps()), []);
  if (!enrolment) return <PasswordStep onStarted={setEnrolment} />;
  if (!confirmed) return <ScanStep enrolment={enrolment} onConfirmed={() => setConfirmed(true)} />;
  return <RecoveryCodes codes={enrolment.recoveryCodes} onDone={onDone} />;
}

function PasswordStep({ onStarted }: { onStarted: (enrolment: Enrolment) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const start = usePlainForm<z.input<typeof startMfaEnrolmentInput>, Enrolment>({
    formRef,
    fields: ["password"],
    schema: () => import("@/lib/auth/schemas").then((m) => m.startMfaEnrolmentInput),
    action: startMfaEnrolmentAction,
    onOk: onStarted,
  });
  const error = start.errors.password;
  return (
    <form ref={formRef} className="max-w-sm space-y-4" onFocus={() => void loadSteps()} {...start.form}>
      <FormFailure message={start.failure} />
      <Field
        id="mfa-password"
        label="Your password"
        error={error}
        help="To set up two-factor sign-in, confirm it is you."
      >
        <Input
          type="password"
          name="password"
          autoComplete="current-password"
          defaultValue=""
          {...fieldAria("mfa-password", error, true)}
        />
      </Field>
      <Button type="submit" disabled={start.pending}>
        {start.pending ? "Checking…" : "Set up two-factor sign-in"}
      </Button>
    </form>
  );
}
