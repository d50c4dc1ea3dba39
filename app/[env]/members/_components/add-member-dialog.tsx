"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { toast } from "@/components/toast";
import { secretShownOnce, useLeaveConfirmation } from "@/components/forms/use-leave-confirmation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { AddedMember } from "./add-member-form";

const LEAVE_QUESTION = secretShownOnce("temporary password");

// The form and the temporary password are fetched with the dialog (once the page is idle, or
// when the button is touched, hovered or focused), not with the page.
const loadForm = () => import("./add-member-form");
const preloadForm = () => void loadForm();
const AddMemberForm = dynamic(() => loadForm().then((m) => m.AddMemberForm), { ssr: false });
const MemberAdded = dynamic(() => loadForm().then((m) => m.MemberAdded), { ssr: false });

export function AddMemberDialog({ canAddOwner }: { canAddOwner: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<AddedMember | null>(null);

  const leave = useLeaveConfirmation(created !== null, LEAVE_QUESTION);

  const close = (next: boolean) => {
    if (next) return setOpen(true);
    // Closing over the temporary password asks first, in the console's own dialog. The form's
    // state goes with the dialog's content.
    leave.confirmLeave(() => {
      setOpen(false);
      setCreated(null);
    });
  };

  return (
    <>
      <Dialog open={open} onOpenChange={close} preload={preloadForm}>
        <DialogTrigger asChild>
          <Button>Add member</Button>
        </DialogTrigger>
        <DialogContent
          title={created ? "Member added" : "Add member"}
          description={
            created
              ? "Give them this temporary password to sign in. They choose their own at their first sign-in."
              : "They sign in with their email and a temporary password."
          }
        >
          {created ? (
            <MemberAdded added={created} onDone={() => close(false)} />
          ) : (
            <AddMemberForm
              canAddOwner={canAddOwner}
              onAdded={(added) => {
                setCreated(added);
                toast.success(`${added.email} added`);
              }}
              onCancel={() => close(false)}
            />
          )}
        </DialogContent>
      </Dialog>
      {leave.dialog}
    </>
  );
}
