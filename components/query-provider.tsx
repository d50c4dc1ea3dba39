"use client";
import { QueryClient, QueryClientProvider, isServer } from "@tanstack/react-query";
import type { ReactNode } from "react";

let browserClient: QueryClient | undefined;

/** One client for the whole browser tab (its cache survives navigation); one per server render. */
function queryClient() {
  const make = () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });
  if (isServer) return make();
  return (browserClient ??= make());
}

/**
 * react-query for the part of the console that uses it: the command palette's search (fetched
 * with the palette). Pages run their server actions as transitions (useAction, useActionForm)
 * and do not ship react-query on first load.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
