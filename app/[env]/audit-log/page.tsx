import { actionInWords } from "@/lib/audit/actions";
import type { Metadata } from "next";
import { auditFiltersInput, listAudit, listAuditActions } from "@/lib/audit";
import { listEnvironments } from "@/lib/organisations/environments";
import { AuditDetails } from "@/components/audit-details";
import { When } from "@/components/when";
import { PageHeader, EmptyState } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { currentMember } from "@/app/_lib/session";
import { AuditFilters } from "./_components/audit-filters";

export const metadata: Metadata = { title: "Audit log" };
const PAGE_SIZE = 50;

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ env: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const member = await currentMember();
  const { env } = await params;
  const raw = await searchParams;
  const parsed = auditFiltersInput.safeParse(raw);
  const filters = parsed.success ? parsed.data : auditFiltersInput.parse({});
  const environments = await listEnvironments(member);
  const envById = new Map(environments.map((e) => [e.id, e.name]));
  const environmentId = environments.find((e) => e.name === filters.environment)?.id;
  const [{ events, total, totalIsLowerBound }, actions] = await Promise.all([
    listAudit(
      member,
      {
        actor: filters.actor,
        action: filters.action,
        environmentId: filters.environment ? (environmentId ?? -1) : undefined,
        from: filters.from,
        to: filters.to,
      },
      { take: PAGE_SIZE, skip: (filters.page - 1) * PAGE_SIZE },
    ),
    listAuditActions(member),
  ]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, live test and sign-in in this organisation: who, what, where and when. Secrets never appear here."
      />
      <AuditFilters
        actions={actions}
        environments={environments.map((e) => e.name)}
        values={raw}
        invalid={!parsed.success}
      />
      {events.length === 0 ? (
        <EmptyState title="No events match">Try removing a filter.</EmptyState>
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>Environment</Th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap">
                    <When value={e.createdAt} seconds />
                  </Td>
                  <Td className="max-w-56 break-words">
                    {e.actorLabel}
                    {/* The address is secondary: under the actor, so the table fits the screen. */}
                    <div className="font-mono text-xs text-slate-600" title="IP address">
                      {e.ip ?? "—"}
                    </div>
                  </Td>
                  {/* Long action ids, settings and names wrap anywhere, so the table fits the screen. */}
                  <Td className="[overflow-wrap:anywhere]">
                    <div className="font-medium">{actionInWords(e.action)}</div>
                    <code className="text-xs text-slate-600">{e.action}</code>
                    <AuditDetails details={e.details} className="mt-1 max-w-sm" />
                  </Td>
                  <Td className="max-w-56 [overflow-wrap:anywhere]">{e.targetLabel ?? "—"}</Td>
                  <Td>{e.environmentId ? (envById.get(e.environmentId) ?? e.environmentId) : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            base={`/${env}/audit-log`}
            query={{
              actor: raw.actor,
              action: raw.action,
              environment: raw.environment,
              from: raw.from,
              to: raw.to,
            }}
            page={filters.page}
            pageSize={PAGE_SIZE}
            total={total}
            totalIsLowerBound={totalIsLowerBound}
            noun={["event", "events"]}
          />
        </Card>
      )}
    </>
  );
}
