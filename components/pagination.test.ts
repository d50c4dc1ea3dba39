import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { Pagination } from "./pagination";

// The links use the App Router, which only a running app mounts.
vi.mock("next/navigation", () => ({ useRouter: () => ({ prefetch() {}, push() {} }) }));

const render = (props: { page: number; total: number; totalIsLowerBound?: boolean }) =>
  renderToStaticMarkup(
    createElement(Pagination, {
      base: "/production/audit-log",
      query: { action: "card.create", actor: undefined },
      pageSize: 50,
      noun: ["event", "events"],
      ...props,
    }),
  );

describe("Pagination", () => {
  it("shows the exact count, the page of all pages and the links that lead somewhere", () => {
    const html = render({ page: 2, total: 120 });
    expect(html).toContain("120 events · page 2 of 3");
    expect(html).toContain('href="/production/audit-log?action=card.create&amp;page=1"');
    expect(html).toContain('href="/production/audit-log?action=card.create&amp;page=3"');
    expect(render({ page: 3, total: 120 })).not.toContain(">Next<");
    expect(render({ page: 1, total: 1 })).toContain("1 event · page 1 of 1");
  });

  it("says 'more than' when the list stopped counting, and always offers the next page", () => {
    const html = render({ page: 200, total: 10_000, totalIsLowerBound: true });
    expect(html).toContain("More than 10,000 events · page 200");
    expect(html).not.toContain(" of ");
    expect(html).toContain('href="/production/audit-log?action=card.create&amp;page=201"');
  });
});
