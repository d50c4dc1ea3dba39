import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function Table({ className, ...props }: ComponentProps<"table">) {
  // The wrapper scrolls sideways on narrow screens, with a shadow at the edge that hides columns
  // (scroll-cue in globals.css); focusable so keyboard users can scroll it too.
  return (
    <div
      className="scroll-cue relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-700"
      tabIndex={0}
    >
      <table className={cn("data-table w-full text-left text-sm", className)} {...props} />
    </div>
  );
}
export function Th({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600",
        className,
      )}
      {...props}
    />
  );
}
/** A body cell: its border, padding and alignment come from `.data-table td` (globals.css). */
export function Td(props: ComponentProps<"td">) {
  return <td {...props} />;
}
