import type { toast as sonnerToast } from "sonner";

type Toast = typeof sonnerToast;
const sonner = () => import("sonner").then((m) => m.toast);

/**
 * sonner's `toast`, without sonner in the page's first load: the toaster (components/providers.tsx)
 * fetches sonner once the page has hydrated, so by the time a member's action answers, this
 * import resolves at once to the same module and its one store.
 */
export const toast = {
  success: (...args: Parameters<Toast["success"]>) => void sonner().then((t) => t.success(...args)),
  error: (...args: Parameters<Toast["error"]>) => void sonner().then((t) => t.error(...args)),
};
