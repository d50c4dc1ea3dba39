"use client";
import dynamic from "next/dynamic";

/**
 * The secret expiry form while its code is on its way: the server renders this, and the page's
 * first load does not carry the form (it comes right after). The same heading, and a box the
 * field's height, so nothing moves when the form arrives.
 */
function SecretExpiryArriving() {
  return (
    <section className="space-y-2" aria-busy="true">
      <h2 className="text-base font-semibold">Secret expiry at the provider</h2>
      <div className="h-21 animate-pulse rounded-md bg-slate-50" />
    </section>
  );
}

export const SecretExpiryForm = dynamic(() => import("./secret-expiry").then((m) => m.SecretExpiryForm), {
  ssr: false,
  loading: SecretExpiryArriving,
});
