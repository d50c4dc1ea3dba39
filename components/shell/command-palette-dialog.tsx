"use client";
import { Command } from "cmdk";
import { Dialog as D, VisuallyHidden } from "radix-ui";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { NAV_ITEMS } from "./nav";
import { PAGE_KEYWORDS, PALETTE_ONLY_ITEMS } from "./palette-items";
import { switchEnvironmentPath } from "./switch-path";
import { paletteScore } from "./palette-rank";
import type { PaletteRecord } from "@/lib/search/palette";
import type { ActionResult } from "@/lib/result";
import { QueryProvider } from "../query-provider";

const itemClass =
  "flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-800 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-800";
const groupClass =
  "px-1 py-1 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600";

const RECORD_PATHS = {
  "api-key": (id: string) => `/configuration/api-keys/${id}`,
  credential: (id: string) => `/configuration/integrations/credentials/${id}`,
  "webhook-endpoint": (id: string) => `/configuration/integrations/webhooks/${id}`,
};
const RECORD_LABELS = {
  "api-key": "API key",
  credential: "Credential",
  "webhook-endpoint": "Webhook endpoint",
};

export type CommandPaletteProps = {
  environment: string;
  environments: string[];
  /** The server action listing the environment's records to jump to. */
  paletteRecords: (input: { environment: string }) => Promise<ActionResult<PaletteRecord[]>>;
  /** Which "New …" actions the member may take (a Viewer none). */
  canCreate?: { apiKeys: boolean; credentials: boolean; webhooks: boolean };
  /** The sign-out server action. */
  signOut: () => Promise<void>;
};

type DialogProps = CommandPaletteProps & { open: boolean; setOpen: (open: boolean) => void };

/** The palette itself (cmdk in a Radix dialog), loaded by CommandPalette when first wanted. */
export function CommandPaletteDialog(props: DialogProps) {
  // The palette sits in the console's layout, above the sections that provide react-query.
  return (
    <QueryProvider>
      <PaletteDialog {...props} />
    </QueryProvider>
  );
}

function PaletteDialog({
  environment,
  environments,
  paletteRecords,
  canCreate = { apiKeys: true, credentials: true, webhooks: true },
  signOut,
  open,
  setOpen,
}: DialogProps) {
  const router = useRouter();
  const pathname = usePathname();

  const records = useQuery({
    queryKey: ["palette-records", environment],
    queryFn: async () => {
      const result = await paletteRecords({ environment });
      return result.ok ? result.data : [];
    },
    enabled: open,
  });

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };

  return (
    <D.Root open={open} onOpenChange={setOpen}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <D.Content
          className="fixed left-1/2 top-[15vh] z-50 w-[min(600px,95vw)] -translate-x-1/2 overflow-hidden rounded-lg bg-white shadow-2xl"
          aria-describedby={undefined}
        >
          <VisuallyHidden.Root>
            <D.Title>Command palette</D.Title>
          </VisuallyHidden.Root>
          <Command label="Command palette" loop filter={paletteScore}>
            <Command.Input
              placeholder="Type a page, an action or a name…"
              className="h-12 w-full border-b border-slate-200 px-4 text-sm outline-none"
              aria-label="Command"
            />
            <Command.List className="max-h-[60vh] overflow-y-auto p-1">
              <Command.Empty className="px-4 py-6 text-center text-sm text-slate-600">
                No results.
              </Command.Empty>
              <Command.Group heading="Pages" className={groupClass}>
                {[...NAV_ITEMS, ...PALETTE_ONLY_ITEMS].map((item) => (
                  <Command.Item
                    key={item.path}
                    value={`${item.label}`}
                    keywords={item.keywords ?? PAGE_KEYWORDS[item.path]}
                    className={itemClass}
                    onSelect={() => go(`/${environment}${item.path}`)}
                  >
                    {item.label}
                    <span className="text-xs text-slate-600">{item.section}</span>
                  </Command.Item>
                ))}
              </Command.Group>
              <Command.Group heading="Actions" className={groupClass}>
                {canCreate.apiKeys ? (
                  <Command.Item
                    value="New API key"
                    className={itemClass}
                    onSelect={() => go(`/${environment}/configuration/api-keys/new`)}
                  >
                    New API key
                  </Command.Item>
                ) : null}
                {canCreate.credentials ? (
                  <Command.Item
                    value="New credential"
                    className={itemClass}
                    onSelect={() => go(`/${environment}/configuration/integrations/credentials/new`)}
                  >
                    New credential
                  </Command.Item>
                ) : null}
                {canCreate.webhooks ? (
                  <Command.Item
                    value="New webhook endpoint"
                    className={itemClass}
                    onSelect={() => go(`/${environment}/configuration/integrations/webhooks/new`)}
                  >
                    New webhook endpoint
                  </Command.Item>
                ) : null}
                {environments
                  .filter((name) => name !== environment)
                  .map((name) => (
                    <Command.Item
                      key={name}
                      value={`Switch environment to ${name}`}
                      keywords={["environment", name]}
                      className={itemClass}
                      onSelect={() => go(switchEnvironmentPath(pathname, environment, name))}
                    >
                      Switch environment to {name}
                    </Command.Item>
                  ))}
                <Command.Item value="Sign out" className={itemClass} onSelect={() => void signOut()}>
                  Sign out
                </Command.Item>
              </Command.Group>
              {records.data?.length ? (
                <Command.Group heading={`Records in ${environment}`} className={groupClass}>
                  {records.data.map((record) => (
                    <Command.Item
                      key={`${record.kind}:${record.id}`}
                      value={`${record.name} ${record.kind} ${record.id}`}
                      keywords={[record.detail]}
                      className={itemClass}
                      onSelect={() => go(`/${environment}${RECORD_PATHS[record.kind](record.id)}`)}
                    >
                      {record.name}
                      <span className="text-xs text-slate-600">{RECORD_LABELS[record.kind]}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
            </Command.List>
          </Command>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
