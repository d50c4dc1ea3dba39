import { toast } from "@/components/toast";

type Outcome = {
  status: string;
  lastAttempt: { ok: boolean; httpStatus: number | null; error: string | null } | null;
};

/** Says how an attempt made at once went (or that the message is queued). */
export function announceOutcome(what: string, outcome: Outcome, queued: string) {
  const attempt = outcome.lastAttempt;
  if (outcome.status === "pending" && !attempt) return toast.success(queued);
  if (attempt?.ok) return toast.success(`${what}: delivered (${attempt.httpStatus ?? "ok"})`);
  const why = attempt?.httpStatus ? `answered ${attempt.httpStatus}` : (attempt?.error ?? "failed");
  toast.error(`${what}: ${why}${outcome.status === "pending" ? "; it will be retried" : ""}`);
}
