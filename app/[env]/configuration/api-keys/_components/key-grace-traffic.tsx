import type { ApiKeyView } from "@/lib/api-keys";
import { Alert } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";
import { timeAgo } from "@/lib/time-ago";

/**
 * A rotation's grace that follows traffic: when the old secret was last used and from where, and
 * when the grace ends by itself.
 */
export function KeyGraceTraffic({ apiKey, now }: { apiKey: ApiKeyView; now: number }) {
  const minutes = apiKey.previousSecretUnusedMinutes;
  if (minutes === null || !apiKey.previousSecretExpiresAt || apiKey.revokedAt) return null;
  const lastUsed = apiKey.previousSecretLastUsedAt;
  const silentSince = Math.max(lastUsed?.getTime() ?? 0, apiKey.secretRotatedAt?.getTime() ?? 0);
  const endsAt = Math.min(silentSince + minutes * 60_000, apiKey.previousSecretExpiresAt.getTime());
  return (
    <Alert tone="warning" className="mb-4" role="status" aria-label="Rotation grace">
      <p>
        Rotation grace: the previous secret keeps working until it has been unused for {minutes} minutes (at
        the latest {formatDateTime(apiKey.previousSecretExpiresAt)}).
      </p>
      <p className="mt-1 font-medium">
        {lastUsed ? (
          <>
            Old secret last used {timeAgo(lastUsed, now)} from{" "}
            <span className="font-mono">{apiKey.previousSecretLastUsedIp ?? "an unknown address"}</span>
          </>
        ) : (
          "Old secret not used since the rotation"
        )}
        {" · "}the grace ends{" "}
        {endsAt <= now ? "within a minute" : `around ${formatDateTime(new Date(endsAt))}`} unless it is used
        again.
      </p>
    </Alert>
  );
}
