import { KeyRound } from "@/components/ui/icons/key-round";
import { Link } from "@/components/ui/link";
import type { ComponentProps } from "react";

/**
 * "Workbench" with its mark, leading to the environment's first page (the sidebar and the
 * drawer). Other props reach the link, so a Radix `asChild` part (the drawer's title) can give it
 * its id.
 */
export function BrandLink({
  environment,
  ...props
}: { environment: string } & Omit<ComponentProps<typeof Link>, "href">) {
  return (
    <Link
      {...props}
      href={`/${environment}/configuration/api-keys`}
      className="flex items-center gap-2 font-semibold"
    >
      <KeyRound className="size-5 text-brand-700" aria-hidden />
      Workbench
    </Link>
  );
}
