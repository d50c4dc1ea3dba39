import { Link } from "@/components/ui/link";
import { ChevronRight } from "@/components/ui/icons/chevron-right";
import { CREDENTIAL_TYPES, CREDENTIAL_TYPE_INFO } from "@/lib/credentials/kinds/catalogue";
import { Badge } from "@/components/ui/badge";

/** Step 1 of New credential: one card per type, each a link to that type's form. */
export function TypePicker({ base }: { base: string }) {
  return (
    <nav aria-label="Credential types">
      <ul className="grid gap-3 md:grid-cols-2">
        {CREDENTIAL_TYPES.map((type) => {
          const info = CREDENTIAL_TYPE_INFO[type];
          return (
            <li key={type}>
              <Link
                href={`${base}/new?type=${type}`}
                className="flex h-full items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs hover:border-brand-600 hover:bg-brand-50"
              >
                <span>
                  <span className="flex items-center gap-2 font-medium">
                    {info.label}
                    {info.beta ? <Badge tone="info">Beta</Badge> : null}
                  </span>
                  <span className="mt-1 block text-sm text-slate-600">{info.description}</span>
                </span>
                <ChevronRight className="mt-1 size-4 shrink-0 text-slate-500" aria-hidden />
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
