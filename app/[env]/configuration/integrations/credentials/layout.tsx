import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";

// This section's pages use react-query (mutations, polling); most console pages do without it.
export default function QueryLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
