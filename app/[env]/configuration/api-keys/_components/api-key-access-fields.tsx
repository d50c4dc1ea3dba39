"use client";
import type { Ref } from "react";
import { Controller, type UseFormReturn } from "react-hook-form";
import type { AllowlistMode, ApiKeyKind } from "@/lib/api-keys/constants";
import { AllowlistModePicker } from "./allowlist-mode-picker";
import type { LegacyRole, Permission } from "@/lib/permissions/registry";
import { ExpiryPicker } from "./expiry-picker";
import { AllowlistEditor, type AllowlistDraft, type CurrentIp } from "./allowlist-editor";
import { PermissionPicker } from "./permission-picker";
import { RolePicker } from "./role-picker";

/** The fields that decide what a key may do: a fine-grained key's permissions or a legacy key's role, expiry, allowlist. */
export type AccessValues = {
  permissions?: Permission[];
  role?: LegacyRole;
  /** The instant the key stops working (ISO), "" for none. */
  expiresAt: string;
  allowlist: string[];
  allowlistMode?: AllowlistMode;
};

/** What a key may do, the same in the new-key form and the edit dialog. */
export function ApiKeyAccessFields<V extends AccessValues, O>({
  form,
  kind,
  idPrefix,
  currentIp,
  allowlistDraft,
}: {
  form: UseFormReturn<V, unknown, O>;
  kind: ApiKeyKind;
  /** Prefix of the expiry field's id, unique on the page. */
  idPrefix: string;
  currentIp: CurrentIp | null;
  /** The allowlist's typed-but-not-added address, for the form's submit (submitWithAllowlistDraft). */
  allowlistDraft?: Ref<AllowlistDraft>;
}) {
  // Every form using these fields holds AccessValues; react-hook-form's types cannot say "at least".
  const { control, formState } = form as unknown as UseFormReturn<AccessValues>;
  const { errors } = formState;
  const expiryId = `${idPrefix}-expiry`;
  return (
    <>
      {kind === "fine_grained" ? (
        <Controller
          control={control}
          name="permissions"
          render={({ field }) => (
            <PermissionPicker
              value={field.value ?? []}
              onChange={field.onChange}
              error={errors.permissions?.message}
            />
          )}
        />
      ) : (
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <RolePicker
              value={field.value ?? "events"}
              onChange={field.onChange}
              error={errors.role?.message}
            />
          )}
        />
      )}
      <Controller
        control={control}
        name="expiresAt"
        render={({ field }) => (
          <ExpiryPicker
            id={expiryId}
            value={field.value}
            onChange={field.onChange}
            error={errors.expiresAt?.message}
          />
        )}
      />
      <Controller
        control={control}
        name="allowlist"
        render={({ field }) => (
          <AllowlistEditor
            value={field.value}
            onChange={field.onChange}
            currentIp={currentIp}
            error={errors.allowlist?.message}
            draftRef={allowlistDraft}
          />
        )}
      />
      <Controller
        control={control}
        name="allowlistMode"
        render={({ field }) => (
          <AllowlistModePicker
            value={field.value ?? "enforce"}
            onChange={field.onChange}
            idPrefix={idPrefix}
          />
        )}
      />
    </>
  );
}
