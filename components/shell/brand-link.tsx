import { KeyRound } from "lucide-react";
import Link from "next/link";

/** "Workbench" with its mark, leading to the environment's first page (the sidebar and the drawer). */
export function BrandLink({ environment }: { environment: string }) {
  return (
    <Link href={`/${environment}/configuration/api-keys`} className="flex items-center gap-2 font-semibold">
      <KeyRound className="size-5 text-brand-700" aria-hidden />
      Workbench
    </Link>
  );
}
