"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { setRequireMfaAction } from "../actions";

/** Owner-only switch for the organisation's two-factor requirement; the server checks again. */
export function RequireMfaToggle({ required }: { required: boolean }) {
  const router = useRouter();
  // A transition, not a query library: one request, pending until the refreshed page is in.
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      let result;
      try {
        result = await setRequireMfaAction({ requireMfa: !required });
      } catch (error) {
        console.error(error); // the action could not be reached
        return;
      }
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(required ? "Two-factor sign-in is now optional" : "Two-factor sign-in is now required");
      router.refresh();
    });
  return (
    <Button
      type="button"
      size="sm"
      variant={required ? "secondary" : "primary"}
      disabled={pending}
      onClick={toggle}
    >
      {required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in"}
    </Button>
  );
}
