import type { ApiKeyView, ObservedAddress } from "@/lib/api-keys";
import { MAX_OBSERVED_ADDRESSES, OBSERVED_ADDRESS_DAYS } from "@/lib/api-keys/constants";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";
import { EnforceObservedButton } from "./enforce-observed-button";

/**
 * A report-only allowlist at work: the addresses outside it that called with the key in the last
 * 30 days, with counts, and "Allow these and enforce".
 */
export function KeyObservedAddresses({
  apiKey,
  addresses,
  environment,
  canEdit,
}: {
  apiKey: ApiKeyView;
  addresses: ObservedAddress[];
  environment: string;
  canEdit: boolean;
}) {
  if (apiKey.allowlistMode !== "report") return null;
  return (
    <Card aria-labelledby="observed-heading" className="p-5">
      <h2 id="observed-heading" className="text-base font-semibold">
        IP allowlist: report only
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        Requests from addresses outside the allowlist
        {apiKey.allowlist.length ? ` (${apiKey.allowlist.join(", ")})` : " (empty: every address)"} work and
        are listed here: the last {OBSERVED_ADDRESS_DAYS} days, at most {MAX_OBSERVED_ADDRESSES} addresses.
        Enforcing would refuse them.
      </p>
      {addresses.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No request from outside the allowlist yet.</p>
      ) : (
        <table aria-label="Addresses outside the allowlist" className="mt-3 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th className="py-1 font-medium">Address</th>
              <th className="py-1 text-right font-medium">Requests</th>
              <th className="py-1 pl-3 font-medium">Last seen</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {addresses.map((row) => (
              <tr key={row.address}>
                <td className="py-1.5 font-mono text-xs break-all">{row.address}</td>
                <td className="py-1.5 text-right tabular-nums">{row.count}</td>
                <td className="py-1.5 pl-3 text-xs text-slate-600">{formatDateTime(row.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && addresses.length > 0 && !apiKey.revokedAt ? (
        <div className="mt-4">
          <EnforceObservedButton
            environment={environment}
            keyId={apiKey.id}
            version={apiKey.version}
            count={addresses.length}
          />
        </div>
      ) : null}
    </Card>
  );
}
