import { Badge } from "@/components/ui/badge";
import type { ApiKeyKind, ApiKeyStatus } from "@/lib/api-keys/constants";
import { expiryState } from "./format";

export function KindBadge({ kind }: { kind: ApiKeyKind }) {
  return kind === "legacy" ? <Badge tone="warning">Legacy</Badge> : <Badge tone="info">Fine-grained</Badge>;
}

export function StatusBadge({ status }: { status: ApiKeyStatus }) {
  if (status === "revoked") return <Badge tone="danger">Revoked</Badge>;
  if (status === "expired") return <Badge tone="danger">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** "Expires in 3 days" (warning under a week), "Expired", or "Never". */
export function ExpiryBadge({ expiresAt, now }: { expiresAt: Date | null; now: number }) {
  const state = expiryState(expiresAt, now);
  if (!state) return <span className="text-slate-600">Never</span>;
  return <Badge tone={state.tone}>{state.label}</Badge>;
}
