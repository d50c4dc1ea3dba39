"use client";
import { Plus } from "@/components/ui/icons/plus";
import { X } from "@/components/ui/icons/x";
import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** The address typed but not yet added: the form adds it on submit, or refuses to submit. */
export type AllowlistDraft = {
  /** Whether an address is typed but not added. */
  typed: () => boolean;
  /** Adds a valid typed address; false (with a field error) when it is not one. */
  commit: () => Promise<boolean>;
};

/** The signed-in member's address, and it as an allowlist entry (null when it is not one). */
export type CurrentIp = { address: string; entry: string | null };

// The address parser (ipaddr.js) is needed only once an address is added: it is fetched when
// the address field gets the focus, not with the page.
const loadParser = () => import("@/lib/api-keys/allowlist").then((m) => m.parseAllowlistEntry);
const PARSER_FAILED = "The address could not be checked: the connection dropped. Press Add to try again.";

/**
 * A form's submit handler that first adds the allowlist's typed address (so it is never silently
 * dropped), and does not submit when that address is invalid.
 */
export function submitWithAllowlistDraft(
  event: FormEvent<HTMLFormElement>,
  draft: AllowlistDraft | null,
  submit: (event: FormEvent<HTMLFormElement>) => Promise<void>,
): void {
  if (!draft?.typed()) return void submit(event);
  event.preventDefault();
  void draft.commit().then((added) => {
    if (added) void submit(event);
  });
}

/** IP allowlist entries (addresses and CIDR ranges), each checked as the shared schema checks them (parseAllowlistEntry). */
export function AllowlistEditor({
  value,
  onChange,
  currentIp,
  error,
  draftRef,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  currentIp: CurrentIp | null;
  error?: string;
  draftRef?: Ref<AllowlistDraft>;
}) {
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // The list as last set: an address added while another one's parse was awaited keeps both.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);

  const add = async (entry: string, pending = false) => {
    let parse: Awaited<ReturnType<typeof loadParser>>;
    try {
      parse = await loadParser();
    } catch {
      // The chunk did not arrive (the connection dropped, a deploy replaced it): the next Add
      // fetches it again.
      setDraftError(PARSER_FAILED);
      return false;
    }
    const parsed = parse(entry);
    if (!parsed.ok) {
      const reason = parsed.error;
      setDraftError(
        pending
          ? `You typed an address you did not add: ${reason}. Correct it and press Add, or clear it.`
          : reason,
      );
      return false;
    }
    const { normalized } = parsed;
    if (!latest.current.includes(normalized)) {
      latest.current = [...latest.current, normalized];
      onChange(latest.current);
    }
    setDraftError(null);
    return true;
  };
  useImperativeHandle(draftRef, () => ({
    typed: () => draft.trim() !== "",
    commit: async () => {
      if (!draft.trim()) return true;
      if (await add(draft, true)) {
        setDraft("");
        return true;
      }
      inputRef.current?.focus();
      return false;
    },
  }));
  const shownError = draftError ?? error;
  const currentIpListed = currentIp?.entry ? value.includes(currentIp.entry) : true;
  const addDraft = async () => {
    if (draft.trim() && (await add(draft))) setDraft("");
  };

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">IP allowlist (optional)</legend>
      <p className="text-xs text-slate-600">
        IPv4/IPv6 addresses or CIDR ranges such as 203.0.113.0/24. Requests from other addresses get 403.
        Leave empty to allow any address.
      </p>
      {value.length ? (
        <ul aria-label="Allowed addresses" className="flex flex-wrap gap-2">
          {value.map((entry) => (
            <li
              key={entry}
              className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 font-mono text-xs"
            >
              {entry}
              <button
                type="button"
                aria-label={`Remove ${entry}`}
                className="rounded-full p-1 text-slate-600 hover:bg-slate-200"
                onClick={() => onChange(value.filter((e) => e !== entry))}
              >
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <label htmlFor="allowlist-entry" className="sr-only">
          Address or CIDR range
        </label>
        <Input
          ref={inputRef}
          id="allowlist-entry"
          value={draft}
          placeholder="203.0.113.7 or 2001:db8::/32"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? "allowlist-error" : undefined}
          onFocus={() => void loadParser().catch(() => undefined)}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              void addDraft();
            }
          }}
          className="font-mono"
        />
        <Button type="button" variant="secondary" onClick={() => void addDraft()}>
          <Plus aria-hidden /> Add
        </Button>
      </div>
      {shownError ? (
        <p id="allowlist-error" role="alert" className="text-xs font-medium text-red-700">
          {shownError}
        </p>
      ) : null}
      {currentIp ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          Your current IP: <code className="font-mono text-slate-800">{currentIp.address}</code>
          {!currentIpListed ? (
            <Button
              type="button"
              variant="link"
              size="sm"
              className="h-auto text-xs"
              onClick={() => void add(currentIp.address)}
            >
              Add my IP
            </Button>
          ) : null}
        </p>
      ) : null}
    </fieldset>
  );
}
