import { processSingleton } from "../../db/singleton";

// An in-process wake-up for the delivery worker, so a message emitted here is attempted at once
// rather than at the next poll. Lives on globalThis: Next's bundle and the server's each have a
// copy of this module, and an event emitted by a server action must reach the server's worker.

type Waker = { listeners: Set<() => void> };

function waker(): Waker {
  return processSingleton("webhooks.waker", () => ({ listeners: new Set<() => void>() }));
}

/** Tells this process's worker(s) that messages may be due. */
export function nudgeWebhookWorker(): void {
  for (const listener of waker().listeners) listener();
}

export function onNudge(listener: () => void): () => void {
  const { listeners } = waker();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
