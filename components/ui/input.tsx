import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs placeholder:text-slate-500 disabled:bg-slate-100 aria-[invalid=true]:border-red-600",
        className,
      )}
      {...props}
    />
  );
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      className={cn(
        "min-h-20 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-xs placeholder:text-slate-500 aria-[invalid=true]:border-red-600",
        className,
      )}
      {...props}
    />
  );
}

export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm shadow-xs aria-[invalid=true]:border-red-600",
        className,
      )}
      {...props}
    />
  );
}
