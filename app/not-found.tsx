import Link from "next/link";
import { SkipLink, mainContentProps } from "@/components/shell/skip-link";

export default function NotFound() {
  return (
    <main
      {...mainContentProps}
      className="flex min-h-screen flex-col items-center justify-center gap-3 p-6 outline-none"
    >
      <SkipLink />
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-600">This page or environment does not exist.</p>
      <Link href="/" className="text-sm font-medium text-brand-700 underline">
        Back to the console
      </Link>
    </main>
  );
}
