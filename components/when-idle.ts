/**
 * Runs `run` once the browser is idle (requestIdleCallback, or a short timeout where it is
 * missing); returns the cancel. For fetching code a page may need soon without slowing its load.
 */
export function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(run);
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(run, 200);
  return () => window.clearTimeout(handle);
}
