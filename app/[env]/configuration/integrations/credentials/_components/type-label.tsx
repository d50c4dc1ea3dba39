import { CREDENTIAL_TYPE_INFO, type CredentialType } from "@/lib/credentials/kinds/catalogue";
import { Badge } from "@/components/ui/badge";

export function TypeLabel({ type }: { type: CredentialType }) {
  const info = CREDENTIAL_TYPE_INFO[type];
  return (
    <span className="inline-flex items-center gap-1.5">
      {info.label}
      {info.beta ? <Badge tone="info">Beta</Badge> : null}
    </span>
  );
}
