import type { ActionResult } from "@/lib/result";

/**
 * Numbers a form's submits so that only the latest one's answer counts: an answer that arrives
 * after a newer submit started (or after the form was reset) is dropped.
 */
export class LatestSubmit {
  private latest = 0;

  /** A new submit: its number. */
  start(): number {
    return ++this.latest;
  }

  /** Drops every submit still under way. */
  forget(): void {
    this.latest++;
  }

  isLatest(call: number): boolean {
    return call === this.latest;
  }

  /**
   * The action's answer for submit `call`; null when it could not be reached (network, server
   * gone: nothing to show on the form) or a newer submit started meanwhile.
   */
  async send<T>(call: number, run: () => Promise<ActionResult<T>>): Promise<ActionResult<T> | null> {
    let result: ActionResult<T>;
    try {
      result = await run();
    } catch (error) {
      console.error(error);
      return null;
    }
    return this.isLatest(call) ? result : null;
  }
}

/** What a form shows of its submits: one under way, and the latest answer. */
export type SubmitState<T> = { pending: boolean; result?: ActionResult<T> };

/** A form's part in a submit: its check of the values, and the placing of an answer's field errors. */
export type CheckedForm<V, O> = {
  /** The values and, when they pass, the schema's output; null when the submit was overtaken. */
  check: (isCurrent: () => boolean) => Promise<{ input: V; data?: O } | null>;
  answer: (
    input: V,
    fieldErrors: Record<string, string> | undefined,
    isCurrent: () => boolean,
  ) => Promise<void>;
};

/**
 * One submit (useFormAction): the form's check; when the values pass, `action` gets the
 * schema's output while `show` says it is under way, then its answer (none when the action could
 * not be reached), and a refusal's field errors go on the form. Nothing of a submit overtaken by
 * a newer one (or forgotten) is shown.
 */
export async function submitChecked<V, O, T>(
  latest: LatestSubmit,
  form: CheckedForm<V, O>,
  action: (values: O) => Promise<ActionResult<T>>,
  show: (state: SubmitState<T>) => void,
  onOk?: (data: T, values: O) => void,
): Promise<void> {
  const call = latest.start();
  const isCurrent = () => latest.isLatest(call);
  const checked = await form.check(isCurrent);
  if (!checked) return;
  const { input, data } = checked;
  if (data === undefined) return;
  show({ pending: true });
  const result = await latest.send(call, () => action(data));
  if (!isCurrent()) return;
  show({ pending: false, result: result ?? undefined });
  if (!result) return;
  if (result.ok) return onOk?.(result.data, data);
  await form.answer(input, result.fieldErrors, isCurrent);
}
