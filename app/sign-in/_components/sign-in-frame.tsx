import type { ReactNode } from "react";
import { KeyRound } from "@/components/ui/icons/key-round";
import { SkipLink, mainContentProps } from "@/components/shell/skip-link";

/** The bare page of the sign-in steps: the product's name, a heading and the step's content. */
export function SignInFrame({
  title,
  children,
  wide = false,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main {...mainContentProps} className="flex min-h-screen items-center justify-center p-6 outline-none">
      <SkipLink />
      <div className={`w-full ${wide ? "max-w-lg" : "max-w-sm"} space-y-6`}>
        <div className="flex items-center gap-2 text-xl font-semibold">
          <KeyRound className="size-6 text-brand-700" aria-hidden />
          Workbench
        </div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
