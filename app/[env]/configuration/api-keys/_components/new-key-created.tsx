"use client";
import { secretShownOnce, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import { LeaveDialog } from "@/components/forms/leave-dialog";
import { ResultHeading } from "@/components/shell/result-heading";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { IssuedSecret } from "../actions";
import { CreatedKeyPanel } from "./created-key-panel";

const LEAVE_QUESTION = secretShownOnce("client secret");

/**
 * The new key's secret, shown once: leaving (Done, a link, a reload) asks first. Its heading,
 * which takes the focus, says the key is created: no notification as well, which sat over Done
 * (bottom right, once scrolled to) for its four seconds.
 */
export function NewKeyCreated({
  created,
  environment,
  tokenUrl,
  apiBaseUrl,
  onDone,
}: {
  created: IssuedSecret;
  environment: string;
  tokenUrl: string;
  apiBaseUrl: string;
  onDone: () => void;
}) {
  // This view is a chunk fetched after Create: its question comes with it, not from another chunk.
  const leave = useLeaveConfirmation(true, LEAVE_QUESTION, LeaveDialog);
  return (
    <Card className="max-w-3xl space-y-5 p-6">
      <div>
        <ResultHeading className="text-lg font-semibold">API key created</ResultHeading>
        <p className="mt-1 text-sm text-slate-600">
          <span className="font-medium text-slate-800">{created.name}</span> is ready to use in {environment}.
        </p>
      </div>
      <CreatedKeyPanel
        values={{ clientId: created.clientId, clientSecret: created.clientSecret, tokenUrl, apiBaseUrl }}
      />
      <div className="flex justify-end">
        <Button onClick={() => leave.confirmLeave(onDone)}>Done</Button>
      </div>
      {leave.dialog}
    </Card>
  );
}
