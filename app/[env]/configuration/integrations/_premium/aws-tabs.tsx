import { Link } from "@/components/ui/link";
import { KIND_LABELS, KIND_PATHS, type S3Kind } from "@/lib/integrations/kinds";
import { cn } from "@/lib/cn";

const TABS: S3Kind[] = ["s3_analytics", "s3_action_flows"];

/** The two kinds of S3 bucket, as links (shareable URLs) styled as tabs. */
export function AwsTabs({ environment, current }: { environment: string; current: S3Kind }) {
  return (
    <nav aria-label="AWS buckets" className="mb-6 border-b border-slate-200">
      <ul className="flex gap-4">
        {TABS.map((kind) => (
          <li key={kind}>
            <Link
              href={`/${environment}${KIND_PATHS[kind]}`}
              aria-current={kind === current ? "page" : undefined}
              className={cn(
                "-mb-px block border-b-2 px-1 pb-2 text-sm",
                kind === current
                  ? "border-brand-700 font-medium text-brand-800"
                  : "border-transparent text-slate-700 hover:text-slate-900",
              )}
            >
              {KIND_LABELS[kind].plural}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
