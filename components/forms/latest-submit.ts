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
