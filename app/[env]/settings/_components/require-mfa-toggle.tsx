"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "@/components/toast";
import { Button } from "@/components/ui/button";
import { setRequireMfaAction } from "../actions";

/** Owner-only switch for the organisation's two-factor requirement; the server checks again. */
export function RequireMfaToggle({ required }: { required: boolean }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: setRequireMfaAction,
    onSuccess: (result) => {
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(required ? "Two-factor sign-in is now optional" : "Two-factor sign-in is now required");
      router.refresh();
    },
  });
  return (
    <Button
      type="button"
      size="sm"
      variant={required ? "secondary" : "primary"}
      disabled={mutation.isPending}
      onClick={() => mutation.mutate({ requireMfa: !required })}
    >
      {required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in"}
    </Button>
  );
}
