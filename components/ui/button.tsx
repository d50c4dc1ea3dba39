import { cloneElement, isValidElement, type ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { buttonBase, buttonSizeClasses, buttonVariantClasses } from "./button-styles";

export type ButtonProps = ComponentProps<"button"> & {
  variant?: keyof typeof buttonVariantClasses | null;
  size?: keyof typeof buttonSizeClasses | null;
  /** Gives the button's looks to its one child instead (a link that looks like a button). */
  asChild?: boolean;
};

export function Button({ className, variant, size, asChild, children, ...props }: ButtonProps) {
  const classes = cn(
    buttonBase,
    buttonVariantClasses[variant ?? "primary"],
    buttonSizeClasses[size ?? "md"],
    className,
  );
  if (asChild && isValidElement<{ className?: string }>(children))
    // The child's own props win, its class names come last (no Slot library on every page for this).
    return cloneElement(children, {
      ...props,
      ...children.props,
      className: cn(classes, children.props.className),
    });
  return (
    <button className={classes} {...props}>
      {children}
    </button>
  );
}
