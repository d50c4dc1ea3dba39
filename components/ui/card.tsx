import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function Card({ className, ...props }: ComponentProps<"section">) {
  return (
    <section className={cn("rounded-lg border border-slate-200 bg-white shadow-xs", className)} {...props} />
  );
}

export function Alert({
  className,
  tone = "info",
  ...props
}: ComponentProps<"div"> & { tone?: "info" | "warning" | "danger" | "success" }) {
  const tones = {
    info: "border-brand-100 bg-brand-50 text-brand-800",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
    danger: "border-red-200 bg-red-50 text-red-900",
    success: "border-green-200 bg-green-50 text-green-900",
  };
  return <div className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)} {...props} />;
}

/** A form's failure message (from its action), announced to screen readers; nothing when null. */
export function FormFailure({ message }: { message: string | null | undefined }) {
  return message ? (
    <Alert tone="danger" role="alert">
      {message}
    </Alert>
  ) : null;
}
