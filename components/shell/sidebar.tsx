import { NAV_ITEMS } from "./nav";
import { NavLink } from "./nav-link";

// Rendered on the server in the console's layout (the list is not part of a page's JavaScript);
// only each link's current-page state is worked out in the browser (./nav-link).
export function Sidebar({ environment }: { environment: string }) {
  const sections = [...new Set(NAV_ITEMS.map((item) => item.section))];
  return (
    <nav aria-label="Main" className="space-y-6 px-3 py-4">
      {sections.map((section) => (
        <div key={section}>
          <h2 className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{section}</h2>
          <ul className="mt-2 space-y-0.5">
            {NAV_ITEMS.filter((item) => item.section === section).map((item) => (
              <li key={item.path}>
                <NavLink href={`/${environment}${item.path}`}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
