"use client";
import { useRef } from "react";
import type { z } from "zod";
import type { confirmMfaEnrolmentInput } from "@/lib/auth/schemas";
import type { MfaEnrolment as Enrolment } from "@/lib/auth/mfa";
import { usePlainForm } from "@/components/forms/use-plain-form";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field, fieldAria } from "@/components/ui/field";
import { Alert, FormFailure } from "@/components/ui/card";
import { confirmMfaEnrolmentAction } from "../actions";

// Enrolment's second and third steps, fetched while the member types their password.

export function ScanStep({ enrolment, onConfirmed }: { enrolment: Enrolment; onConfirmed: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const confirm = usePlainForm<z.input<typeof confirmMfaEnrolmentInput>, unknown>({
    formRef,
    fields: ["code"],
    schema: () => import("@/lib/auth/schemas").then((m) => m.confirmMfaEnrolmentInput),
    action: confirmMfaEnrolmentAction,
    onOk: onConfirmed,
  });
  const error = confirm.errors.code;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Scan this QR code with an authenticator app (1Password, Google Authenticator, Authy, …), or type the
        key into it. Then enter the 6-digit code it shows.
      </p>
      <div className="flex flex-wrap items-start gap-6">
        {/* A data: URL rendered on the server; next/image adds nothing for it. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={enrolment.qrCode}
          alt="QR code for your authenticator app"
          width={200}
          height={200}
          className="rounded border border-slate-200"
        />
        <div className="space-y-2">
          <p className="text-sm font-medium">Key for typing in</p>
          <div className="flex items-center gap-2">
            <code aria-label="Setup key" className="rounded bg-slate-100 px-2 py-1 font-mono text-sm">
              {enrolment.manualKey}
            </code>
            <CopyButton value={enrolment.manualKey.replace(/ /g, "")} label="setup key" compact />
          </div>
          <p className="text-xs text-slate-600">Time-based, 6 digits, every 30 seconds.</p>
        </div>
      </div>
      <form ref={formRef} className="max-w-sm space-y-4" {...confirm.form}>
        <FormFailure message={confirm.failure} />
        <Field id="mfa-code" label="Code from the app" error={error}>
          <Input
            autoComplete="one-time-code"
            inputMode="numeric"
            name="code"
            defaultValue=""
            {...fieldAria("mfa-code", error)}
          />
        </Field>
        <Button type="submit" disabled={confirm.pending}>
          {confirm.pending ? "Checking…" : "Turn on two-factor sign-in"}
        </Button>
      </form>
    </div>
  );
}

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="success" role="status">
        Two-factor sign-in is on.
      </Alert>
      <p className="text-sm">
        Save these recovery codes somewhere safe. Each one signs you in once if you lose your phone.{" "}
        <strong>They are shown only this once.</strong>
      </p>
      <ul aria-label="Recovery codes" className="grid max-w-sm grid-cols-2 gap-2 font-mono text-sm">
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-2 py-1">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <CopyButton value={codes.join("\n")} label="recovery codes" />
        <Button type="button" onClick={onDone}>
          I have saved my recovery codes
        </Button>
      </div>
    </div>
  );
}
