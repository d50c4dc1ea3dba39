"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/toast";
import type { AllowlistMode, ApiKeyKind } from "@/lib/api-keys/constants";
import type { LegacyRole, Permission } from "@/lib/permissions/registry";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { CurrentIp } from "./allowlist-editor";

export type EditableKey = {
  id: string;
  version: number;
  name: string;
  kind: ApiKeyKind;
  permissions: Permission[];
  role: LegacyRole | null;
  expiresAt: string;
  allowlist: string[];
  allowlistMode: AllowlistMode;
};

// The form (its pickers, the allowlist's address parsing, the form library) is fetched with the
// dialog (once the page is idle, or when the button is touched, hovered or focused), not with
// the page.
const loadForm = () => import("./edit-key-form").then((m) => m.EditKeyForm);
const preloadForm = () => void loadForm();
const EditKeyForm = dynamic(loadForm, { ssr: false });

export function EditKeyDialog({
  environment,
  apiKey,
  currentIp,
}: {
  environment: string;
  apiKey: EditableKey;
  currentIp: CurrentIp | null;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);

  return (
    <Dialog open={open} onOpenChange={setOpen} preload={preloadForm}>
      <DialogTrigger asChild>
        <Button variant="secondary">Edit</Button>
      </DialogTrigger>
      <DialogContent
        title="Edit API key"
        description="Changes apply to the next request, including requests with access tokens issued before."
        className="w-[min(760px,95vw)]"
      >
        {/* The form's state goes with the dialog's content: each opening starts from the saved key. */}
        <EditKeyForm
          environment={environment}
          apiKey={apiKey}
          currentIp={currentIp}
          onSaved={() => {
            toast.success("API key saved");
            setOpen(false);
            router.refresh();
          }}
          onCancel={() => setOpen(false)}
        />
      </DialogContent>
    </Dialog>
  );
}
