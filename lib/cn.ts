import { clsx, type ClassValue } from "clsx";
import { createTailwindMerge, validators } from "tailwind-merge";

/**
 * tailwind-merge with only the class groups this console uses: its full configuration (every
 * Tailwind utility) is 6.5 kB of the 8.5 kB gzipped it adds to every page's first load. The
 * groups below are tailwind-merge's own definitions for those utilities, whole families at a
 * time (every side of padding, margin, inset, borders and corners), so a new value or side of
 * a family merges like tailwind-merge does. lib/cn.test.ts checks every pair of classes written
 * in app/ and components/ against tailwind-merge's full configuration: a class from a group
 * missing here fails it.
 */
const {
  isAny,
  isArbitraryLength,
  isArbitraryNumber,
  isArbitraryShadow,
  isArbitraryValue,
  isArbitraryVariable,
  isArbitraryVariableLength,
  isArbitraryVariableShadow,
  isFraction,
  isInteger,
  isNumber,
  isTshirtSize,
} = validators;

const spacing = () => [isArbitraryVariable, isArbitraryValue, "px", isNumber];
const margin = () => ["auto", ...spacing()];
const inset = () => [isFraction, "full", "auto", ...spacing()];
const sizing = () => [
  isFraction,
  "auto",
  "full",
  "dvw",
  "dvh",
  "lvw",
  "lvh",
  "svw",
  "svh",
  "min",
  "max",
  "fit",
  ...spacing(),
];
const color = () => [isAny, isArbitraryVariable, isArbitraryValue];
const borderWidth = () => ["", isNumber, isArbitraryVariableLength, isArbitraryLength];
const radius = () => ["", "none", "full", isTshirtSize, isArbitraryVariable, isArbitraryValue];
const lineStyle = () => ["solid", "dashed", "dotted", "double"];
const alignPrimary = () => [
  "start",
  "end",
  "center",
  "between",
  "around",
  "evenly",
  "stretch",
  "baseline",
  "center-safe",
  "end-safe",
];
const alignSecondary = () => ["start", "end", "center", "stretch", "center-safe", "end-safe"];
const sides = ["x", "y", "s", "e", "bs", "be", "t", "r", "b", "l"] as const;
/** A family's groups per side: `pt` for padding-top, `border-w-t` for `border-t-2`. */
const perSide = (group: (side: string) => string, prefix: (side: string) => string, scale: () => unknown[]) =>
  Object.fromEntries(sides.map((side) => [group(side), [{ [prefix(side)]: scale() }]]));

const twMergeConsole = createTailwindMerge(() => ({
  cacheSize: 500,
  theme: {},
  classGroups: {
    display: [
      "block",
      "inline-block",
      "inline",
      "flex",
      "inline-flex",
      "table",
      "inline-table",
      "table-caption",
      "table-cell",
      "table-column",
      "table-column-group",
      "table-footer-group",
      "table-header-group",
      "table-row-group",
      "table-row",
      "flow-root",
      "grid",
      "inline-grid",
      "contents",
      "list-item",
      "hidden",
    ],
    sr: ["sr-only", "not-sr-only"],
    position: ["static", "fixed", "absolute", "relative", "sticky"],
    visibility: ["visible", "invisible", "collapse"],
    overflow: [{ overflow: ["auto", "hidden", "clip", "visible", "scroll"] }],
    "overflow-x": [{ "overflow-x": ["auto", "hidden", "clip", "visible", "scroll"] }],
    "overflow-y": [{ "overflow-y": ["auto", "hidden", "clip", "visible", "scroll"] }],
    inset: [{ inset: inset() }],
    "inset-x": [{ "inset-x": inset() }],
    "inset-y": [{ "inset-y": inset() }],
    start: [{ start: inset() }],
    end: [{ end: inset() }],
    top: [{ top: inset() }],
    right: [{ right: inset() }],
    bottom: [{ bottom: inset() }],
    left: [{ left: inset() }],
    z: [{ z: [isInteger, "auto", isArbitraryVariable, isArbitraryValue] }],
    // Flexbox and grid
    basis: [{ basis: [isFraction, "full", "auto", isTshirtSize, ...spacing()] }],
    "flex-direction": [{ flex: ["row", "row-reverse", "col", "col-reverse"] }],
    "flex-wrap": [{ flex: ["nowrap", "wrap", "wrap-reverse"] }],
    flex: [{ flex: [isNumber, isFraction, "auto", "initial", "none", isArbitraryValue] }],
    grow: [{ grow: ["", isNumber, isArbitraryVariable, isArbitraryValue] }],
    shrink: [{ shrink: ["", isNumber, isArbitraryVariable, isArbitraryValue] }],
    "grid-cols": [{ "grid-cols": [isInteger, "none", "subgrid", isArbitraryVariable, isArbitraryValue] }],
    "col-start-end": [
      {
        col: [
          "auto",
          { span: ["full", isInteger, isArbitraryVariable, isArbitraryValue] },
          isInteger,
          isArbitraryVariable,
          isArbitraryValue,
        ],
      },
    ],
    gap: [{ gap: spacing() }],
    "gap-x": [{ "gap-x": spacing() }],
    "gap-y": [{ "gap-y": spacing() }],
    "justify-content": [{ justify: [...alignPrimary(), "normal"] }],
    "align-items": [{ items: [...alignSecondary(), { baseline: ["", "last"] }] }],
    // Spacing
    p: [{ p: spacing() }],
    ...perSide(
      (side) => `p${side}`,
      (side) => `p${side}`,
      spacing,
    ),
    m: [{ m: margin() }],
    ...perSide(
      (side) => `m${side}`,
      (side) => `m${side}`,
      margin,
    ),
    "space-x": [{ "space-x": spacing() }],
    "space-x-reverse": ["space-x-reverse"],
    "space-y": [{ "space-y": spacing() }],
    "space-y-reverse": ["space-y-reverse"],
    // Sizing
    size: [{ size: sizing() }],
    w: [{ w: [isTshirtSize, "screen", ...sizing()] }],
    "min-w": [{ "min-w": [isTshirtSize, "screen", "none", ...sizing()] }],
    "max-w": [
      { "max-w": [isTshirtSize, "screen", "none", "prose", { screen: [isTshirtSize] }, ...sizing()] },
    ],
    h: [{ h: ["screen", "lh", ...sizing()] }],
    "min-h": [{ "min-h": ["screen", "lh", "none", ...sizing()] }],
    "max-h": [{ "max-h": ["screen", "lh", "none", ...sizing()] }],
    // Typography
    "font-size": [{ text: ["base", isTshirtSize, isArbitraryVariableLength, isArbitraryLength] }],
    "font-weight": [
      {
        font: [
          "thin",
          "extralight",
          "light",
          "normal",
          "medium",
          "semibold",
          "bold",
          "extrabold",
          "black",
          isArbitraryVariable,
          isArbitraryNumber,
        ],
      },
    ],
    "font-family": [{ font: ["sans", "serif", "mono"] }],
    "fvn-normal": ["normal-nums"],
    "fvn-spacing": ["proportional-nums", "tabular-nums"],
    tracking: [
      {
        tracking: [
          "tighter",
          "tight",
          "normal",
          "wide",
          "wider",
          "widest",
          isArbitraryVariable,
          isArbitraryValue,
        ],
      },
    ],
    "line-clamp": [{ "line-clamp": [isNumber, "none", isArbitraryVariable, isArbitraryNumber] }],
    leading: [
      {
        leading: [
          "none",
          "tight",
          "snug",
          "normal",
          "relaxed",
          "loose",
          isArbitraryVariable,
          isArbitraryValue,
        ],
      },
      { leading: spacing() },
    ],
    "list-style-type": [{ list: ["disc", "decimal", "none", isArbitraryVariable, isArbitraryValue] }],
    "text-alignment": [{ text: ["left", "center", "right", "justify", "start", "end"] }],
    "text-color": [{ text: color() }],
    "text-decoration": ["underline", "overline", "line-through", "no-underline"],
    "underline-offset": [{ "underline-offset": [isNumber, "auto", isArbitraryVariable, isArbitraryValue] }],
    "text-transform": ["uppercase", "lowercase", "capitalize", "normal-case"],
    "text-overflow": ["truncate", "text-ellipsis", "text-clip"],
    "vertical-align": [
      {
        align: [
          "baseline",
          "top",
          "middle",
          "bottom",
          "text-top",
          "text-bottom",
          "sub",
          "super",
          isArbitraryVariable,
          isArbitraryValue,
        ],
      },
    ],
    whitespace: [{ whitespace: ["normal", "nowrap", "pre", "pre-line", "pre-wrap", "break-spaces"] }],
    break: [{ break: ["normal", "words", "all", "keep"] }],
    // Backgrounds, borders, effects
    "bg-color": [{ bg: color() }],
    rounded: [{ rounded: radius() }],
    ...Object.fromEntries(
      ["s", "e", "t", "r", "b", "l", "ss", "se", "ee", "es", "tl", "tr", "br", "bl"].map((corner) => [
        `rounded-${corner}`,
        [{ [`rounded-${corner}`]: radius() }],
      ]),
    ),
    "border-w": [{ border: borderWidth() }],
    ...perSide(
      (side) => `border-w-${side}`,
      (side) => `border-${side}`,
      borderWidth,
    ),
    "divide-x": [{ "divide-x": borderWidth() }],
    "divide-x-reverse": ["divide-x-reverse"],
    "divide-y": [{ "divide-y": borderWidth() }],
    "divide-y-reverse": ["divide-y-reverse"],
    "border-style": [{ border: [...lineStyle(), "hidden", "none"] }],
    "border-color": [{ border: color() }],
    ...perSide(
      (side) => `border-color-${side}`,
      (side) => `border-${side}`,
      color,
    ),
    "divide-color": [{ divide: color() }],
    "outline-style": [{ outline: [...lineStyle(), "none", "hidden"] }],
    "outline-w": [{ outline: ["", isNumber, isArbitraryVariableLength, isArbitraryLength] }],
    "outline-color": [{ outline: color() }],
    shadow: [{ shadow: ["", "none", "inner", isTshirtSize, isArbitraryVariableShadow, isArbitraryShadow] }],
    "shadow-color": [{ shadow: color() }],
    "ring-w": [{ ring: borderWidth() }],
    "ring-color": [{ ring: color() }],
    opacity: [{ opacity: [isNumber, isArbitraryVariable, isArbitraryValue] }],
    filter: [{ filter: ["", "none", isArbitraryVariable, isArbitraryValue] }],
    "table-layout": [{ table: ["auto", "fixed"] }],
    transition: [
      {
        transition: [
          "",
          "all",
          "colors",
          "opacity",
          "shadow",
          "transform",
          "none",
          isArbitraryVariable,
          isArbitraryValue,
        ],
      },
    ],
    translate: [{ translate: [isFraction, "full", ...spacing()] }],
    "translate-x": [{ "translate-x": [isFraction, "full", ...spacing()] }],
    "translate-y": [{ "translate-y": [isFraction, "full", ...spacing()] }],
    "translate-none": ["translate-none"],
    // Interactivity
    accent: [{ accent: color() }],
    cursor: [
      {
        cursor: [
          "auto",
          "default",
          "pointer",
          "wait",
          "text",
          "move",
          "help",
          "not-allowed",
          "none",
          isArbitraryValue,
        ],
      },
    ],
    "pointer-events": [{ "pointer-events": ["auto", "none"] }],
    "scroll-mt": [{ "scroll-mt": spacing() }],
  },
  conflictingClassGroups: {
    overflow: ["overflow-x", "overflow-y"],
    inset: ["inset-x", "inset-y", "inset-bs", "inset-be", "start", "end", "top", "right", "bottom", "left"],
    "inset-x": ["start", "end", "right", "left"],
    "inset-y": ["inset-bs", "inset-be", "top", "bottom"],
    flex: ["basis", "grow", "shrink"],
    gap: ["gap-x", "gap-y"],
    p: ["px", "py", "ps", "pe", "pbs", "pbe", "pt", "pr", "pb", "pl"],
    px: ["ps", "pe", "pr", "pl"],
    py: ["pbs", "pbe", "pt", "pb"],
    m: ["mx", "my", "ms", "me", "mbs", "mbe", "mt", "mr", "mb", "ml"],
    mx: ["ms", "me", "mr", "ml"],
    my: ["mbs", "mbe", "mt", "mb"],
    size: ["w", "h"],
    "font-size": ["leading"],
    "fvn-normal": ["fvn-spacing"],
    "fvn-spacing": ["fvn-normal"],
    "line-clamp": ["display", "overflow"],
    rounded: [
      "rounded-s",
      "rounded-e",
      "rounded-t",
      "rounded-r",
      "rounded-b",
      "rounded-l",
      "rounded-ss",
      "rounded-se",
      "rounded-ee",
      "rounded-es",
      "rounded-tl",
      "rounded-tr",
      "rounded-br",
      "rounded-bl",
    ],
    "rounded-s": ["rounded-ss", "rounded-es"],
    "rounded-e": ["rounded-se", "rounded-ee"],
    "rounded-t": ["rounded-tl", "rounded-tr"],
    "rounded-r": ["rounded-tr", "rounded-br"],
    "rounded-b": ["rounded-br", "rounded-bl"],
    "rounded-l": ["rounded-tl", "rounded-bl"],
    "border-w": sides.map((side) => `border-w-${side}`),
    "border-w-x": ["border-w-s", "border-w-e", "border-w-r", "border-w-l"],
    "border-w-y": ["border-w-bs", "border-w-be", "border-w-t", "border-w-b"],
    "border-color": sides.map((side) => `border-color-${side}`),
    "border-color-x": ["border-color-s", "border-color-e", "border-color-r", "border-color-l"],
    "border-color-y": ["border-color-bs", "border-color-be", "border-color-t", "border-color-b"],
    translate: ["translate-x", "translate-y", "translate-none"],
    "translate-none": ["translate", "translate-x", "translate-y"],
  },
  conflictingClassGroupModifiers: { "font-size": ["leading"] },
  orderSensitiveModifiers: [
    "*",
    "**",
    "after",
    "backdrop",
    "before",
    "details-content",
    "file",
    "first-letter",
    "first-line",
    "marker",
    "placeholder",
    "selection",
  ],
}));

export function cn(...inputs: ClassValue[]): string {
  return twMergeConsole(clsx(inputs));
}
