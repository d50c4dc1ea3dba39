import { describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/result";
import { LatestSubmit, submitChecked, type CheckedForm, type SubmitState } from "./latest-submit";

type Values = { name: string };

/** A form whose check passes `data` (undefined: the values fail), recording the answers placed. */
function form(data: Values | undefined, input: Values = { name: "x" }) {
  const answered: (Record<string, string> | undefined)[] = [];
  const checked: CheckedForm<Values, Values> = {
    // As the form's check, which fetches the schema first.
    check: async (isCurrent) => {
      await Promise.resolve();
      return isCurrent() ? { input, data } : null;
    },
    answer: async (_input, fieldErrors, isCurrent) => {
      if (isCurrent()) answered.push(fieldErrors);
    },
  };
  return { checked, answered };
}

describe("submitChecked (useFormAction's submit)", () => {
  it("sends nothing when the check refuses the values", async () => {
    const action = vi.fn<(values: Values) => Promise<ActionResult<string>>>();
    const shown: SubmitState<string>[] = [];
    await submitChecked(new LatestSubmit(), form(undefined).checked, action, (s) => shown.push(s));
    expect(action).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
  });

  it("sends the schema's output, shows it under way, then the answer, and calls onOk", async () => {
    const shown: SubmitState<string>[] = [];
    const onOk = vi.fn();
    const action = vi.fn(async (values: Values) => ({ ok: true as const, data: `saved ${values.name}` }));
    await submitChecked(
      new LatestSubmit(),
      form({ name: "Billing" }).checked,
      action,
      (s) => shown.push(s),
      onOk,
    );
    expect(action).toHaveBeenCalledWith({ name: "Billing" });
    expect(shown).toEqual([
      { pending: true },
      { pending: false, result: { ok: true, data: "saved Billing" } },
    ]);
    expect(onOk).toHaveBeenCalledWith("saved Billing", { name: "Billing" });
  });

  it("places a refusal's field errors on the form, for the values checked", async () => {
    const { checked, answered } = form({ name: "Taken" });
    const refusal: ActionResult<string> = {
      ok: false,
      error: "Check the fields.",
      fieldErrors: { name: "Taken." },
    };
    const shown: SubmitState<string>[] = [];
    const onOk = vi.fn();
    await submitChecked(
      new LatestSubmit(),
      checked,
      async () => refusal,
      (s) => shown.push(s),
      onOk,
    );
    expect(shown.at(-1)).toEqual({ pending: false, result: refusal });
    expect(answered).toEqual([{ name: "Taken." }]);
    expect(onOk).not.toHaveBeenCalled();
  });

  it("shows no answer when the action cannot be reached", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const shown: SubmitState<string>[] = [];
    await submitChecked(
      new LatestSubmit(),
      form({ name: "x" }).checked,
      (): Promise<ActionResult<string>> => Promise.reject(new Error("offline")),
      (s) => shown.push(s),
    );
    expect(shown).toEqual([{ pending: true }, { pending: false, result: undefined }]);
    error.mockRestore();
  });

  it("shows nothing of a submit overtaken by a newer one, or forgotten (a new attempt's reset)", async () => {
    const latest = new LatestSubmit();
    const shown: SubmitState<string>[] = [];
    let answerFirst!: (result: ActionResult<string>) => void;
    const first = submitChecked(
      latest,
      form({ name: "first" }).checked,
      () => new Promise<ActionResult<string>>((resolve) => (answerFirst = resolve)),
      (s) => shown.push(s),
    );
    await vi.waitFor(() => expect(answerFirst).toBeDefined());
    await submitChecked(
      latest,
      form({ name: "second" }).checked,
      async () => ({ ok: true as const, data: "second" }),
      (s) => shown.push(s),
    );
    answerFirst({ ok: true, data: "first" });
    await first;
    expect(shown).toEqual([
      { pending: true },
      { pending: true },
      { pending: false, result: { ok: true, data: "second" } },
    ]);

    const forgotten: SubmitState<string>[] = [];
    const third = submitChecked(
      latest,
      form({ name: "third" }).checked,
      async () => ({ ok: true as const, data: "third" }),
      (s) => forgotten.push(s),
    );
    latest.forget();
    await third;
    expect(forgotten).toEqual([]);
  });
});
