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
      {/* A plain link: this page is rendered into every page's first load (as its "not found"
          state), and next/link would bring its client code to pages that have no other link. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
      <a href="/" className="text-sm font-medium text-brand-700 underline">
        Back to the console
      </a>
    </main>
  );
}
