import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-6">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-600">This page or environment does not exist.</p>
      <Link href="/" className="text-sm font-medium text-brand-700 underline">
        Back to the console
      </Link>
    </main>
  );
}
