import "server-only";
import { withHeader } from "../types";
import { basic } from "./basic";
import { finish, secretPlan, settingsOf, type FieldErrors, type ServerKind } from "./server-kind";

export const basicServer: ServerKind<"basic"> = {
  plan(values, existing) {
    const errors: FieldErrors = {};
    const secret = secretPlan("password", values.password, existing, "password", errors);
    return finish({ type: values.type, config: settingsOf(basic, values), ...secret }, errors);
  },

  async apply(credential, request) {
    const encoded = Buffer.from(
      `${credential.config.username}:${credential.secrets.password}`,
      "utf8",
    ).toString("base64");
    return {
      ok: true,
      request: { ...request, headers: withHeader(request.headers, "Authorization", `Basic ${encoded}`) },
      warnings: [],
      derivedSecrets: [encoded],
    };
  },
};
