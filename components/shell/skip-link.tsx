/** The id of each page's main content: the skip link's target. */
export const MAIN_CONTENT_ID = "main-content";

/**
 * "Skip to content": the first thing the keyboard reaches on every page, visible once focused;
 * following it moves focus past the navigation to the page's main content.
 */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-800 shadow-lg ring-2 ring-brand-700 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
    >
      Skip to content
    </a>
  );
}

/** Props for the element the skip link leads to (focusable by script and the link, not by Tab). */
export const mainContentProps = { id: MAIN_CONTENT_ID, tabIndex: -1 } as const;
