/**
 * The same page in another environment. Record pages (…/api-keys/<id>) fall back to their
 * list, because a record belongs to exactly one environment.
 */
export function switchEnvironmentPath(pathname: string, from: string, to: string): string {
  const prefix = `/${from}`;
  const rest = pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : "";
  const listPages = ["/configuration/api-keys", "/configuration/integrations/credentials"];
  const list = listPages.find((page) => rest.startsWith(`${page}/`));
  return `/${encodeURIComponent(to)}${list ?? rest}`;
}
