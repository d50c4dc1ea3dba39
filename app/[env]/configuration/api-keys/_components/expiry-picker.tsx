"use client";
import { useSyncExternalStore } from "react";
import {
  EXPIRY_PRESET_DAYS,
  endOfLocalDay,
  localDateInDays,
  localDateValue,
  localZoneLabel,
} from "@/lib/api-keys/expiry";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const noSubscription = () => () => undefined;
/** True in the browser: the member's time zone is known only there (the server renders in its own). */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * An API key's expiry: a date (the key works through the end of that day in the member's time
 * zone), presets 7/30/60/90 days, or none. `value` is the instant as an ISO string, "" for none.
 */
export function ExpiryPicker({
  id,
  value,
  onChange,
  error,
  label = "Expiry date (optional)",
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label?: string;
}) {
  const inBrowser = useInBrowser();
  const instant = value ? new Date(value) : null;
  const valid = instant !== null && !Number.isNaN(instant.getTime());
  const help = !inBrowser
    ? "The key works through the end of the chosen day."
    : valid
      ? `Works through ${localDateValue(instant)} 23:59 (${localZoneLabel(instant)}), then stops.`
      : "No expiry: the key works until it is revoked.";
  return (
    <Field id={id} label={label} error={error} help={help}>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          type="date"
          min={inBrowser ? localDateInDays(0) : undefined}
          className="w-48"
          value={inBrowser && valid ? localDateValue(instant) : ""}
          onChange={(event) => {
            const end = endOfLocalDay(event.target.value);
            onChange(end ? end.toISOString() : "");
          }}
          {...fieldAria(id, error, true)}
        />
        <div role="group" aria-label="Expiry presets" className="flex flex-wrap gap-1">
          {EXPIRY_PRESET_DAYS.map((days) => (
            <Button
              key={days}
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => onChange(endOfLocalDay(localDateInDays(days))!.toISOString())}
            >
              {days} days
            </Button>
          ))}
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange("")}>
            No expiry
          </Button>
        </div>
      </div>
    </Field>
  );
}
