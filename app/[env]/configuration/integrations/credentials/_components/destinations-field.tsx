"use client";
import { Plus } from "@/components/ui/icons/plus";
import { X } from "@/components/ui/icons/x";
import { useEffect, useState } from "react";
import { MAX_DESTINATIONS } from "@/lib/outbound/destination-limits";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, setField, valueOf, type CredentialFormApi } from "./form-types";

// The Identity URL's origin is worked out by the outbound URL parser (with ipaddr.js): fetched
// for an OAuth credential's form only, once it is on the page.
const loadOriginOf = () => import("@/lib/outbound/destinations").then((m) => m.originDestination);

function useOriginOf(wanted: boolean) {
  const [originOf, setOriginOf] = useState<((url: string) => string | null) | null>(null);
  useEffect(() => {
    if (wanted) void loadOriginOf().then((found) => setOriginOf(() => found));
  }, [wanted]);
  return originOf;
}

/**
 * Where the credential may be sent: common to every type. For OAuth the origin of the Identity
 * URL is proposed (the token request goes there).
 */
export function DestinationsField({ form, readOnly }: { form: CredentialFormApi; readOnly: boolean }) {
  const list = (valueOf(form, "allowedDestinations") ?? []) as string[];
  const identityUrl = valueOf(form, "identityUrl");
  const originOf = useOriginOf(form.values.type === "oauth_client_credentials");
  const proposal = originOf && typeof identityUrl === "string" ? originOf(identityUrl) : null;
  // A whole list's change (an entry added or removed) rechecks the list, a typed entry itself.
  const set = (next: string[], about?: string) => setField(form, "allowedDestinations", next, about);
  const listError = errorOf(form, "allowedDestinations");
  const itemError = (index: number) => errorOf(form, `allowedDestinations.${index}`);

  return (
    <fieldset className="space-y-2" aria-describedby="destinations-help">
      <legend className="text-sm font-medium text-slate-800">Allowed destinations</legend>
      <p id="destinations-help" className="text-xs text-slate-600">
        The only places this credential is ever sent: an origin such as https://api.example.com, optionally
        with a path prefix (https://api.example.com/v2), or https://*.example.com for its subdomains. Every
        use elsewhere is refused before anything is sent. Changing this list needs the secret typed again.
      </p>
      {list.map((_, index) => {
        const id = `destination-${index}`;
        const message = itemError(index);
        return (
          <Field
            key={index}
            id={id}
            label={<span className="sr-only">Destination {index + 1}</span>}
            error={message}
          >
            <div className="flex gap-2">
              <Input
                type="url"
                inputMode="url"
                placeholder="https://api.example.com"
                readOnly={readOnly}
                {...fieldAria(id, message)}
                name={`allowedDestinations.${index}`}
                value={list[index]}
                onChange={(event) =>
                  set(
                    list.map((entry, i) => (i === index ? event.target.value : entry)),
                    `allowedDestinations.${index}`,
                  )
                }
              />
              {!readOnly ? (
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove destination ${index + 1}`}
                  onClick={() => set(list.filter((__, i) => i !== index))}
                >
                  <X aria-hidden />
                </Button>
              ) : null}
            </div>
          </Field>
        );
      })}
      {listError ? (
        <p id="destinations-error" role="alert" className="text-xs font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      {!readOnly ? (
        <div className="flex flex-wrap gap-2">
          {list.length < MAX_DESTINATIONS ? (
            <Button type="button" variant="secondary" size="sm" onClick={() => set([...list, ""])}>
              <Plus aria-hidden /> Add destination
            </Button>
          ) : null}
          {proposal && !list.includes(proposal) ? (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => set([...list.filter(Boolean), proposal])}
            >
              <Plus aria-hidden /> Add {proposal} (the Identity URL&apos;s origin)
            </Button>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
