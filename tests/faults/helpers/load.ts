// Steady write load for the fault tests: `workers` loops, each sending one request at a time,
// recording every answer (status, time) and every write the server acknowledged.
import { send, type Reply } from "./clients";

export type Answer = { at: number; status: number; ms: number; error?: string; retryAfter?: string | null };

export type Load = {
  answers: Answer[];
  /** Ids of the records the server acknowledged (2xx with an id). */
  acknowledged: string[];
  stop: () => Promise<void>;
};

export function startLoad(options: {
  workers: number;
  request: (worker: number, n: number) => Promise<Reply>;
  /** The id of what a 2xx answer created. */
  idOf: (reply: Reply) => string | undefined;
  pauseMs?: number;
}): Load {
  const answers: Answer[] = [];
  const acknowledged: string[] = [];
  let running = true;
  const loops = Array.from({ length: options.workers }, async (_, worker) => {
    for (let n = 0; running; n++) {
      const started = Date.now();
      try {
        const reply = await options.request(worker, n);
        answers.push({
          at: started,
          status: reply.status,
          ms: Date.now() - started,
          retryAfter: reply.headers.get("retry-after"),
        });
        if (reply.status >= 200 && reply.status < 300) {
          const id = options.idOf(reply);
          if (id) acknowledged.push(id);
        }
      } catch (error) {
        answers.push({ at: started, status: 0, ms: Date.now() - started, error: String(error) });
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  });
  return {
    answers,
    acknowledged,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export { send };
