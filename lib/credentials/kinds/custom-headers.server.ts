import "server-only";
import { withHeader } from "../types";
import { secretHeaderKey } from "./custom-headers";
import { invalid, type FieldErrors, type ServerKind } from "./server-kind";

export const customHeadersServer: ServerKind<"custom_headers"> = {
  /** Secret header values go to the secrets map; the settings keep them empty. */
  plan(values, existing) {
    const errors: FieldErrors = {};
    const newSecrets: Record<string, string> = {};
    const keep: string[] = [];
    const headers = values.headers.map((header, index) => {
      if (!header.secret) return { name: header.name, value: header.value, secret: false };
      const key = secretHeaderKey(header.name);
      if (header.value) newSecrets[key] = header.value;
      else if (existing.has(key)) keep.push(key);
      else errors[`headers.${index}.value`] = "Enter a value.";
      return { name: header.name, value: "", secret: true };
    });
    if (Object.keys(errors).length) invalid(errors);
    return { type: "custom_headers", config: { headers }, newSecrets, keep };
  },

  async apply(credential, request) {
    let headers = request.headers;
    for (const header of credential.config.headers) {
      const value = header.secret ? credential.secrets[secretHeaderKey(header.name)] : header.value;
      if (value === undefined)
        return {
          ok: false,
          message: `The secret value of header ${header.name} is missing; edit the credential and enter it again.`,
        };
      headers = withHeader(headers, header.name, value);
    }
    return { ok: true, request: { ...request, headers }, warnings: [], derivedSecrets: [] };
  },

  editValues({ headers }, name, isSet) {
    const secretsSet = Object.fromEntries(
      headers.flatMap((h, i) => (h.secret ? [[`headers.${i}.value`, isSet(secretHeaderKey(h.name))]] : [])),
    );
    return { values: { type: "custom_headers", name, headers }, secretsSet, publicKey: null };
  },

  secretFormPath(field, values) {
    const index = values.headers.findIndex((h) => h.secret && secretHeaderKey(h.name) === field);
    return index < 0 ? "headers" : `headers.${index}.value`;
  },

  secretHeaderNames: (config) => config.headers.filter((h) => h.secret).map((h) => h.name),
};
