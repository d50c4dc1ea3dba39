import { Link } from "@/components/ui/link";
import { formatDate } from "@/lib/dates";
import { secretExpiryStatus } from "@/lib/credentials/secret-expiry-status";
import { cn } from "@/lib/cn";

/** Under a credential's name in the list: when its secret expires at the provider, and how soon. */
export function SecretExpiryNote({ expiresAt }: { expiresAt: Date | null }) {
  if (!expiresAt) return null;
  const status = secretExpiryStatus(expiresAt);
  return (
    <div
      className={cn(
        "mt-0.5 text-xs",
        status.state === "expired"
          ? "font-medium text-red-700"
          : status.state === "soon"
            ? "font-medium text-amber-800"
            : "text-slate-600",
      )}
    >
      Secret expires {formatDate(expiresAt)}
      {status.state === "expired"
        ? " · expired"
        : status.state === "soon"
          ? ` · in ${status.daysLeft} ${status.daysLeft === 1 ? "day" : "days"}`
          : ""}
    </div>
  );
}

/** The list's order: by name, or by the secret's expiry at the provider (soonest first). */
export function CredentialSortLinks({
  bySecretExpiry,
  byNameHref,
  bySecretExpiryHref,
}: {
  bySecretExpiry: boolean;
  byNameHref: string;
  bySecretExpiryHref: string;
}) {
  const item = (label: string, href: string, current: boolean) => (
    <li>
      <Link
        href={href}
        aria-current={current ? "true" : undefined}
        className={cn(
          "rounded px-2 py-0.5",
          current ? "bg-slate-200 font-medium text-slate-900" : "text-brand-700 hover:underline",
        )}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label="Sort credentials" className="mb-3 flex items-center gap-2 text-sm">
      <span className="text-slate-600">Sort by</span>
      <ul className="flex gap-1">
        {item("Name", byNameHref, !bySecretExpiry)}
        {item("Secret expiry (soonest first)", bySecretExpiryHref, bySecretExpiry)}
      </ul>
    </nav>
  );
}
