"use client";
import dynamic from "next/dynamic";
import { useEffect, type Ref } from "react";
import { whenIdle } from "@/components/when-idle";
import type { FieldMessages } from "@/components/forms/form-check";
import type { AllowlistMode, ApiKeyKind } from "@/lib/api-keys/constants";
import { AllowlistModePicker } from "./allowlist-mode-picker";
import type { LegacyRole, Permission, PermissionChoices } from "@/lib/permissions/permissions";
import { ExpiryPicker } from "./expiry-picker";
import { AllowlistEditor, type AllowlistDraft, type CurrentIp } from "./allowlist-editor";
import { PermissionPicker } from "./permission-picker";

// A legacy key's role picker shows only once Legacy is chosen (or in a legacy key's dialog):
// fetched when the page is idle, not with it.
const loadRolePicker = () => import("./role-picker").then((m) => m.RolePicker);
const RolePicker = dynamic(loadRolePicker, { ssr: false });

/** The fields that decide what a key may do: a fine-grained key's permissions or a legacy key's role, expiry, allowlist. */
export type AccessValues = {
  permissions?: Permission[];
  role?: LegacyRole;
  /** The instant the key stops working (ISO), "" for none. */
  expiresAt: string;
  allowlist: string[];
  allowlistMode?: AllowlistMode;
};

/** The part of a form (useValuesForm) these fields edit. */
export type AccessForm = {
  values: AccessValues;
  errors: FieldMessages;
  set(field: "permissions", value: Permission[]): void;
  set(field: "role", value: LegacyRole): void;
  set(field: "expiresAt", value: string): void;
  set(field: "allowlist", value: string[]): void;
  set(field: "allowlistMode", value: AllowlistMode): void;
};

/** What a key may do, the same in the new-key form and the edit dialog. */
export function ApiKeyAccessFields({
  form,
  kind,
  permissionChoices,
  idPrefix,
  currentIp,
  allowlistDraft,
}: {
  form: AccessForm;
  kind: ApiKeyKind;
  permissionChoices: PermissionChoices;
  /** Prefix of the expiry field's id, unique on the page. */
  idPrefix: string;
  currentIp: CurrentIp | null;
  /** The allowlist's typed-but-not-added address, for the form's submit (submitWithAllowlistDraft). */
  allowlistDraft?: Ref<AllowlistDraft>;
}) {
  const { values, errors } = form;
  useEffect(() => whenIdle(() => void loadRolePicker()), []);
  return (
    <>
      {kind === "fine_grained" ? (
        <PermissionPicker
          choices={permissionChoices}
          value={values.permissions ?? []}
          onChange={(next) => form.set("permissions", next)}
          error={errors.permissions}
        />
      ) : (
        <RolePicker
          value={values.role ?? "events"}
          onChange={(next) => form.set("role", next)}
          error={errors.role}
        />
      )}
      <ExpiryPicker
        id={`${idPrefix}-expiry`}
        value={values.expiresAt}
        onChange={(next) => form.set("expiresAt", next)}
        error={errors.expiresAt}
      />
      <AllowlistEditor
        value={values.allowlist}
        onChange={(next) => form.set("allowlist", next)}
        currentIp={currentIp}
        error={errors.allowlist}
        draftRef={allowlistDraft}
      />
      <AllowlistModePicker
        value={values.allowlistMode ?? "enforce"}
        onChange={(next) => form.set("allowlistMode", next)}
        idPrefix={idPrefix}
      />
    </>
  );
}
