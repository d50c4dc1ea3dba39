import { Link } from "@/components/ui/link";

/**
 * "N items · page x of y" with Previous/Next links, for server-rendered lists whose page lives
 * in the URL. `query` holds the list's other parameters (search, filters) to keep. A list that
 * stops counting (`totalIsLowerBound`) says "more than N items · page x".
 */
export function Pagination({
  base,
  query,
  page,
  pageSize,
  total,
  totalIsLowerBound = false,
  noun,
}: {
  base: string;
  query: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  /** More than `total` items exist: the list stopped counting there. */
  totalIsLowerBound?: boolean;
  noun: [singular: string, plural: string];
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    params.set("page", String(n));
    return `${base}?${params}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between px-4 py-3 text-sm">
      <span>
        {totalIsLowerBound
          ? `More than ${total.toLocaleString("en-US")} ${noun[1]} · page ${page}`
          : `${total} ${total === 1 ? noun[0] : noun[1]} · page ${page} of ${pages}`}
      </span>
      <span className="flex gap-3">
        {page > 1 ? (
          <Link href={href(page - 1)} className="text-brand-700 underline">
            Previous
          </Link>
        ) : null}
        {page < pages || totalIsLowerBound ? (
          <Link href={href(page + 1)} className="text-brand-700 underline">
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
