import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { can, ROLE_LABELS } from "@/lib/auth/access";
import { BrandLink } from "@/components/shell/brand-link";
import { Sidebar } from "@/components/shell/sidebar";
import { EnvironmentSwitcher } from "@/components/shell/environment-switcher";
import { CommandPalette } from "@/components/shell/command-palette";
import { UserMenu } from "@/components/shell/user-menu";
import { UserMenuFace } from "@/components/shell/user-menu-face";
import { MobileNav } from "@/components/shell/mobile-nav";
import { SkipLink, mainContentProps } from "@/components/shell/skip-link";
import { HeadingFocus } from "@/components/shell/heading-focus";
import { consoleEnvironments, currentMember } from "../_lib/session";
import { signOutAction } from "../sign-in/actions";
import { paletteRecordsAction } from "./actions";

export default async function EnvironmentLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ env: string }>;
}) {
  const member = await currentMember();
  const { env } = await params;
  const environment = decodeURIComponent(env);
  const environments = (await consoleEnvironments()).map((e) => e.name);
  if (!environments.includes(environment)) notFound();

  return (
    <div className="flex min-h-screen">
      <SkipLink />
      <HeadingFocus />
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-slate-100/70 md:block">
        <div className="space-y-4 border-b border-slate-200 p-4">
          <BrandLink environment={environment} />
          <EnvironmentSwitcher current={environment} environments={environments} />
        </div>
        <Sidebar environment={environment} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:gap-4 sm:px-6">
          <MobileNav environment={environment} environments={environments} />
          <div className="w-full max-w-md min-w-0">
            <CommandPalette
              environment={environment}
              environments={environments}
              paletteRecords={paletteRecordsAction}
              canCreate={{
                apiKeys: can(member.role, "apiKeys", "edit"),
                credentials: can(member.role, "credentials", "edit"),
                webhooks: can(member.role, "webhooks", "edit"),
              }}
              signOut={signOutAction}
            />
          </div>
          <UserMenu
            email={member.label}
            role={ROLE_LABELS[member.role]}
            accountHref={`/${environment}/account`}
            signOut={signOutAction}
          >
            <UserMenuFace name={member.name} email={member.label} role={ROLE_LABELS[member.role]} />
          </UserMenu>
        </header>
        <main {...mainContentProps} className="min-w-0 flex-1 px-3 py-6 outline-none sm:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
