import type { SVGProps } from "react";

// The console's icons, drawn as plain SVG: Lucide's shapes (ISC licence, lucide.dev) with its
// attributes, without lucide-react. Its icons are client components, so each page paid ~2 kB of
// JavaScript for the icon runtime before drawing a single one; these are plain functions that
// render on the server, or in a client part for a few bytes of path data each (one module per
// icon, so a client part carries only the icons it draws).

/** An element of an icon other than a path: its tag and attributes. */
type Shape = [tag: "circle" | "rect", attributes: Record<string, string>];

type IconProps = Omit<SVGProps<SVGSVGElement>, "children">;

export function icon(name: string, shapes: (string | Shape)[]) {
  function Icon({ className, ...props }: IconProps) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width={24}
        height={24}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
        className={className ? `lucide lucide-${name} ${className}` : `lucide lucide-${name}`}
        {...props}
      >
        {shapes.map((shape, i) => {
          if (typeof shape === "string") return <path key={i} d={shape} />;
          const [Tag, attributes] = shape;
          return <Tag key={i} {...attributes} />;
        })}
      </svg>
    );
  }
  return Icon;
}
