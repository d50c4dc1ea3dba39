import type { HttpMethod } from "@/lib/permissions/registry";
import { Badge } from "@/components/ui/badge";

const TONES = { GET: "info", POST: "success", PATCH: "warning", DELETE: "danger" } as const;

export function MethodBadge({ method }: { method: HttpMethod }) {
  return (
    <Badge tone={TONES[method]} className="font-mono">
      {method}
    </Badge>
  );
}
