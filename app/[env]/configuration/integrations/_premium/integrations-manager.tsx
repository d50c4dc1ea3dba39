"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { IntegrationTestResult, IntegrationView } from "@/lib/integrations";
import { isS3Kind, KIND_LABELS, type IntegrationKind } from "@/lib/integrations/kinds";
import { ConfirmByNameDialog } from "@/components/confirm-by-name-dialog";
import { When } from "@/components/when";
import { useAction } from "@/components/forms/use-action";
import { EmptyState } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Table, Td, Th } from "@/components/ui/table";
import { deleteIntegrationAction, testIntegrationAction } from "./actions";
import type { AwsCredentialChoice } from "./s3-form";
import type { SaveTarget } from "./use-save-integration";

const loadForm = () => import("./integration-form").then((m) => m.IntegrationForm);
// The forms (and their form library) open in a dialog: fetched with it, or once the page is idle.
const IntegrationForm = dynamic(loadForm, { ssr: false });
const preloadForm = () => void loadForm();
// A test's result opens in a dialog too, after a round trip to the peer: fetched with the dialog.
const loadTestResult = () => import("./test-result-panel").then((m) => m.TestResultPanel);
const TestResultPanel = dynamic(loadTestResult, { ssr: false });
const preloadTestResult = () => void loadTestResult();

type Props = {
  kind: IntegrationKind;
  environment: string;
  environmentId: number;
  items: IntegrationView[];
  credentials: AwsCredentialChoice[];
  canEdit: boolean;
};

function target(item: IntegrationView): string {
  const v = item.values;
  if (v.kind === "salesforce")
    return `${v.subdomain || v.authBaseUrl}${v.accountId ? ` · MID ${v.accountId}` : ""}`;
  if (v.kind === "marketo") return v.munchkinId || v.baseUrl;
  return `s3://${v.bucket}/${v.prefix} · ${v.region}${v.endpointUrl ? ` · ${v.endpointUrl}` : ""}`;
}

function credentialOf(item: IntegrationView): string {
  const v = item.values;
  if (v.kind !== "s3_analytics" && v.kind !== "s3_action_flows") return "";
  return v.credentialMode === "keys"
    ? `Own keys (${v.accessKeyId})`
    : (item.credentialName ?? "Deleted credential");
}

export function IntegrationsManager({ kind, environmentId, items, credentials, canEdit }: Props) {
  const router = useRouter();
  const labels = KIND_LABELS[kind];
  const [editing, setEditing] = useState<{ item: IntegrationView | null } | null>(null);
  const [testing, setTesting] = useState<{
    item: IntegrationView;
    result: IntegrationTestResult | null;
    error: string | null;
  } | null>(null);

  const test = useAction(
    (item: IntegrationView) => testIntegrationAction({ id: item.id }),
    (result, item) => {
      setTesting({ item, result: result.ok ? result.data : null, error: result.ok ? null : result.error });
      router.refresh();
    },
  );

  const save: SaveTarget = editing?.item
    ? { mode: "update", id: editing.item.id, version: editing.item.version }
    : { mode: "create", environmentId };
  const newLabel = `New ${labels.singular.replace(/ integration$/, "")}`;

  return (
    <div className="space-y-4">
      {!canEdit ? (
        <Alert role="status">
          You have view-only access to integrations. Ask an Editor, Admin or Owner to change or test them.
        </Alert>
      ) : (
        <div className="flex justify-end">
          <Button onClick={() => setEditing({ item: null })}>{newLabel}</Button>
        </div>
      )}
      {items.length === 0 ? (
        <EmptyState title={`No ${labels.plural} yet`}>
          {canEdit
            ? `Add one with “${newLabel}”, then test it live.`
            : "None have been added in this environment."}
        </EmptyState>
      ) : (
        <Card>
          <Table aria-label={labels.plural}>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Target</Th>
                {isS3Kind(kind) ? <Th>Credential</Th> : null}
                <Th>Last tested</Th>
                <Th>Updated</Th>
                {canEdit ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <Td className="font-medium">{item.name}</Td>
                  <Td className="break-all font-mono text-xs">{target(item)}</Td>
                  {isS3Kind(kind) ? <Td>{credentialOf(item)}</Td> : null}
                  <Td>
                    {item.lastTest ? (
                      <span className="space-y-1">
                        <Badge tone={item.lastTest.ok ? "success" : "danger"}>
                          {item.lastTest.ok ? "Passed" : "Failed"}
                        </Badge>
                        <When value={item.lastTest.at} className="block text-xs text-slate-600" />
                      </span>
                    ) : (
                      <span className="text-slate-600">Never</span>
                    )}
                  </Td>
                  <Td className="text-xs text-slate-600">
                    <When value={item.updatedAt} />
                    <span className="block">{item.updatedByLabel}</span>
                  </Td>
                  {canEdit ? (
                    <Td>
                      <div className="flex justify-end gap-2">
                        <Button
                          size="sm"
                          variant="secondary"
                          aria-label={`Test ${item.name}`}
                          disabled={test.pending}
                          onClick={() => {
                            setTesting({ item, result: null, error: null });
                            test.run(item);
                          }}
                        >
                          Test
                        </Button>
                        <Button
                          size="sm"
                          variant="secondary"
                          aria-label={`Edit ${item.name}`}
                          onClick={() => setEditing({ item })}
                        >
                          Edit
                        </Button>
                        <ConfirmByNameDialog
                          trigger={
                            <Button size="sm" variant="ghost" aria-label={`Delete ${item.name}`}>
                              Delete
                            </Button>
                          }
                          title={`Delete ${labels.singular}`}
                          name={item.name}
                          confirmLabel="Delete"
                          pendingLabel="Deleting…"
                          run={(confirmName) => deleteIntegrationAction({ id: item.id, confirmName })}
                          done={(data) => `"${data.name}" deleted`}
                          onDone={() => router.refresh()}
                        >
                          <p>
                            The platform stops using {item.name} at once. This cannot be undone; the audit log
                            keeps its entries.
                          </p>
                        </ConfirmByNameDialog>
                      </div>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}

      <Dialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        preload={preloadForm}
      >
        {editing ? (
          <DialogContent
            title={editing.item ? `Edit ${editing.item.name}` : newLabel}
            description={
              editing.item ? "Secrets are write-only: leave a secret empty to keep it unchanged." : undefined
            }
          >
            <IntegrationForm
              kind={kind}
              save={save}
              item={editing.item}
              credentials={credentials}
              onSaved={() => setEditing(null)}
            />
          </DialogContent>
        ) : null}
      </Dialog>

      <Dialog
        open={testing !== null}
        onOpenChange={(open) => !open && !test.pending && setTesting(null)}
        preload={preloadTestResult}
      >
        {testing ? (
          <DialogContent title={`Test ${testing.item.name}`} className="w-[min(860px,95vw)]">
            {test.pending ? (
              <p role="status" className="text-sm text-slate-700">
                Testing…
              </p>
            ) : testing.result ? (
              <TestResultPanel result={testing.result} />
            ) : testing.error ? (
              <Alert tone="danger" role="alert">
                {testing.error}
              </Alert>
            ) : null}
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}
