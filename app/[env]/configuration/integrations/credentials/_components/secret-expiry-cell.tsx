import Link from "next/link";
import { Th } from "@/components/ui/table";
import { formatDate } from "@/lib/dates";
import { secretExpiryStatus } from "@/lib/credentials/secret-expiry-status";

/** The credential list's "Secret expires" cell: the date, and how soon when within 14 days. */
export function SecretExpiryCell({ expiresAt }: { expiresAt: Date | null }) {
  const status = secretExpiryStatus(expiresAt);
  if (!expiresAt) return <span className="text-slate-500">—</span>;
  return (
    <>
      <div>{formatDate(expiresAt)}</div>
      {status.state === "expired" ? (
        <div className="font-medium text-red-700">expired</div>
      ) : status.state === "soon" ? (
        <div className="font-medium text-amber-800">
          in {status.daysLeft} {status.daysLeft === 1 ? "day" : "days"}
        </div>
      ) : null}
    </>
  );
}

/** The column's header: a link that sorts the list by it (soonest first), or back by name. */
export function SecretExpirySortHeader({
  sort,
}: {
  sort?: { bySecretExpiry: boolean; byNameHref: string; bySecretExpiryHref: string };
}) {
  if (!sort) return <Th>Secret expires</Th>;
  return (
    <Th aria-sort={sort.bySecretExpiry ? "ascending" : "none"}>
      <Link
        href={sort.bySecretExpiry ? sort.byNameHref : sort.bySecretExpiryHref}
        className="hover:underline"
        title={sort.bySecretExpiry ? "Sort by name" : "Sort by secret expiry, soonest first"}
      >
        Secret expires{sort.bySecretExpiry ? " ↑" : ""}
      </Link>
    </Th>
  );
}
