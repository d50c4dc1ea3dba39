import type { EndpointStatus, MessageStatus } from "@/lib/webhooks/schemas";
import { Badge } from "@/components/ui/badge";

const ENDPOINT: Record<EndpointStatus, { label: string; tone: "success" | "warning" | "danger" }> = {
  enabled: { label: "Enabled", tone: "success" },
  paused: { label: "Paused", tone: "warning" },
  disabled: { label: "Disabled", tone: "danger" },
};

export function EndpointStatusBadge({ status }: { status: EndpointStatus }) {
  return <Badge tone={ENDPOINT[status].tone}>{ENDPOINT[status].label}</Badge>;
}

const MESSAGE: Record<MessageStatus, { label: string; tone: "success" | "info" | "danger" }> = {
  pending: { label: "Pending", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <Badge tone={MESSAGE[status].tone}>{MESSAGE[status].label}</Badge>;
}
