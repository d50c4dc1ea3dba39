"use client";
import dynamic from "next/dynamic";

/**
 * What the Test and Send request tools look like while their code is on its way: the server
 * renders this, and the page's first load does not carry the tools (they come right after it).
 * The tab strip's and the Test card's boxes, so little moves when they arrive.
 */
function ToolsArriving() {
  return (
    <div className="space-y-4" aria-busy="true">
      <div className="h-[2.3rem] border-b border-slate-200" />
      <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white shadow-xs" />
    </div>
  );
}

export const CredentialTools = dynamic(() => import("./credential-tools").then((m) => m.CredentialTools), {
  ssr: false,
  loading: ToolsArriving,
});
