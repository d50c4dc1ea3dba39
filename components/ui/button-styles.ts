// The button's looks as plain strings: Button (button.tsx) builds its variants from them, and
// the error pages, which ship with every page, use them without Button's code.
export const buttonBase =
  "inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-colors disabled:pointer-events-none disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0";

export const buttonVariantClasses = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  ghost: "text-slate-700 hover:bg-slate-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
  link: "text-brand-700 underline-offset-4 hover:underline px-0",
};

export const buttonSizeClasses = { sm: "h-8 px-3", md: "h-9 px-4", icon: "size-9" };
