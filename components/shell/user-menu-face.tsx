import { ChevronDown } from "@/components/ui/icons/chevron-down";

/** The account menu button's face: the member's initial, name and role (rendered on the server). */
export function UserMenuFace({ name, email, role }: { name: string; email: string; role: string }) {
  return (
    <>
      <span
        className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800"
        aria-hidden
      >
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="hidden text-left sm:block">
        <span className="block font-medium leading-tight">{name}</span>
        {/* The role once: a member named after their role ("Owner") sees their email instead. */}
        <span className="block text-xs leading-tight text-slate-600">
          {name.trim().toLowerCase() === role.toLowerCase() ? email : role}
        </span>
      </span>
      <ChevronDown className="size-4 text-slate-500" aria-hidden />
    </>
  );
}
