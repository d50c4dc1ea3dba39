import { Link } from "@/components/ui/link";
import type { CredentialSummary } from "@/lib/credentials";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CredentialActions } from "./credential-actions";
import { CredentialRowActions } from "./credential-row-actions";
import { credentialsPath } from "./format";
import { formatDateTime } from "@/lib/dates";
import { SecretExpiryNote } from "./secret-expiry-cell";
import { LastUse } from "./last-use";
import { TestStatusBadge } from "./test-status-badge";
import { TypeLabel } from "./type-label";

export function CredentialsTable({
  credentials,
  environment,
  canEdit,
}: {
  credentials: CredentialSummary[];
  environment: string;
  canEdit: boolean;
}) {
  const base = credentialsPath(environment);
  const table = (
    <Card>
      <Table aria-label="Credentials" className="[&_td]:px-3 [&_th]:px-3 [&_th]:whitespace-nowrap">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Type</Th>
            <Th>Last test</Th>
            <Th>Last used</Th>
            <Th>Updated</Th>
            {canEdit ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {credentials.map((c) => (
            <tr key={c.id}>
              <Td className="min-w-32 break-words">
                <Link href={`${base}/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
                <SecretExpiryNote expiresAt={c.secretExpiresAt} />
              </Td>
              <Td className="min-w-28">
                <TypeLabel type={c.type} />
              </Td>
              <Td className="text-xs">
                <TestStatusBadge testedAt={c.lastTestedAt} ok={c.lastTestOk} summary={c.lastTestSummary} />
              </Td>
              <Td className="min-w-40 text-xs break-words">
                <LastUse use={c.lastUse} compact />
              </Td>
              <Td className="max-w-40 text-xs">
                <div className="break-all">{c.updatedByLabel}</div>
                <div className="whitespace-nowrap text-slate-600">{formatDateTime(c.updatedAt)}</div>
              </Td>
              {canEdit ? (
                <Td className="whitespace-nowrap text-right">
                  <CredentialRowActions id={c.id} name={c.name} href={`${base}/${c.id}`} />
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
  // Duplicate and Delete are plain buttons answered by one client part for the whole table.
  return canEdit ? <CredentialActions environment={environment}>{table}</CredentialActions> : table;
}
