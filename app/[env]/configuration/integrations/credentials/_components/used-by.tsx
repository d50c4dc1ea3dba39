import { Link } from "@/components/ui/link";
import type { CredentialUser } from "@/lib/credentials/users";

/** What uses this credential (S3 buckets now); a credential in use cannot be deleted. */
export function UsedBy({ environment, users }: { environment: string; users: CredentialUser[] }) {
  return (
    <div className="text-sm">
      <h3 className="font-medium">Used by</h3>
      {users.length ? (
        <ul aria-label="Used by" className="mt-1 list-disc pl-5">
          {users.map((user) => (
            <li key={user.id}>
              {user.kindLabel}{" "}
              <Link href={`/${environment}${user.path}`} className="text-brand-700 hover:underline">
                {user.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-slate-600">Nothing uses it yet.</p>
      )}
    </div>
  );
}
