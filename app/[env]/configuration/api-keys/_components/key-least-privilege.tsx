import { Link } from "@/components/ui/link";
import { getLeastPrivilege, type ApiKeyView } from "@/lib/api-keys";
import type { Actor } from "@/lib/auth/actor";
import { PERMISSIONS } from "@/lib/permissions/permissions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/dates";

/**
 * "Permissions in use": what the key's calls of the last 30 days needed, beside what it holds,
 * and the way to a fine-grained key with exactly those (a new key; this one stays as it is).
 */
export async function KeyLeastPrivilege({
  member,
  apiKey,
  environment,
  canCreate,
}: {
  member: Actor;
  apiKey: ApiKeyView;
  environment: string;
  canCreate: boolean;
}) {
  const use = await getLeastPrivilege(member, apiKey.id);
  const legacy = apiKey.kind === "legacy";
  const createHref = `/${environment}/configuration/api-keys/new?from=${encodeURIComponent(apiKey.id)}`;
  return (
    <Card aria-labelledby="least-privilege-heading" className="p-5">
      <h2 id="least-privilege-heading" className="text-base font-semibold">
        Permissions in use
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        What this key&apos;s successful API calls needed in the last {use.windowDays} days (since{" "}
        {formatDateTime(use.since)}), counted per permission.
      </p>
      {use.totalRequests === 0 ? (
        <p className="mt-3 text-sm text-slate-600" role="status">
          No API calls with this key in the last {use.windowDays} days, so there is nothing yet to base a
          narrower key on. Each successful call is counted here under the permission it needed.
        </p>
      ) : (
        <>
          {use.observed.length > 0 ? (
            <table aria-label="Permissions its calls needed" className="mt-3 w-full text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-600">
                  <th className="py-1 font-medium">Permission</th>
                  <th className="py-1 text-right font-medium">Calls</th>
                  <th className="py-1 pl-3 font-medium">Last call</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {use.observed.map((o) => (
                  <tr key={o.permission}>
                    <td className="py-1.5">
                      <span className="font-mono text-xs" title={PERMISSIONS[o.permission].description}>
                        {o.permission}
                      </span>
                      {o.granted ? null : <span className="ml-2 text-xs text-amber-800">no longer held</span>}
                    </td>
                    <td className="py-1.5 text-right tabular-nums">{o.requests.toLocaleString("en")}</td>
                    <td className="py-1.5 pl-3 text-xs text-slate-600">{formatDateTime(o.lastUsedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {use.roleCalls.map((call) => (
            <p key={call.role} className="mt-3 text-sm text-amber-900">
              {call.requests.toLocaleString("en")} call{call.requests === 1 ? "" : "s"} to the credentials API
              (last {formatDateTime(call.lastUsedAt)}) need the legacy role <strong>{call.role}</strong>: no
              permission covers them, so a fine-grained key cannot make them. Keep a legacy {call.role} key
              for those calls only.
            </p>
          ))}
          {use.unused.length > 0 ? (
            <div className="mt-3 text-sm">
              <h3 className="text-xs font-medium text-slate-600">
                {legacy ? `Its role (${apiKey.role}) grants, but no call needed` : "Held but unused"}
              </h3>
              <ul aria-label="Permissions held but unused" className="mt-1 flex flex-wrap gap-1.5">
                {use.unused.map((permission) => (
                  <li key={permission} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                    {permission}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {use.canNarrow ? (
            <div className="mt-4 space-y-2 border-t border-slate-100 pt-3">
              <p className="text-sm text-slate-800">
                A fine-grained key with only{" "}
                <span className="font-mono text-xs">{use.suggested.join(", ")}</span> could make every call
                {use.roleCalls.length ? " except the credentials API ones" : ""} this key made.
              </p>
              {canCreate ? (
                <Button asChild size="sm">
                  <Link href={createHref}>Create a fine-grained key with exactly these</Link>
                </Button>
              ) : null}
              <p className="text-xs text-slate-600">
                You review the new key before it is created; this key is not changed. Move your callers to the
                new key, then revoke this one.
              </p>
            </div>
          ) : !legacy && use.unused.length === 0 && use.suggested.length > 0 ? (
            <p className="mt-3 text-sm text-slate-600">This key uses every permission it holds.</p>
          ) : null}
        </>
      )}
    </Card>
  );
}
