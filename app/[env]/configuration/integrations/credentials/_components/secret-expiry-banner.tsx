import { Alert } from "@/components/ui/card";
import { formatDate } from "@/lib/dates";
import type { SecretExpiryStatus } from "@/lib/credentials";

/** The warning of a credential whose secret expires at its provider within 14 days, or has expired. */
export function SecretExpiryBanner({
  name,
  expiresAt,
  status,
}: {
  name: string;
  expiresAt: Date | null;
  status: SecretExpiryStatus;
}) {
  if (!expiresAt || (status.state !== "soon" && status.state !== "expired")) return null;
  const when =
    status.state === "expired"
      ? `expired at the provider on ${formatDate(expiresAt)}`
      : `expires at the provider on ${formatDate(expiresAt)} (in ${status.daysLeft} ${status.daysLeft === 1 ? "day" : "days"})`;
  return (
    <Alert tone={status.state === "expired" ? "danger" : "warning"} role="alert" className="mb-4">
      The secret of {name} {when}. Create a new secret there, type it into this credential and set its new
      expiry date.
    </Alert>
  );
}
