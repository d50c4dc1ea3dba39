import { z } from "zod";
import { credentialName, defineKind, required, secret, type FormMode } from "./kind";

const form = (mode: FormMode) =>
  z.object({
    type: z.literal("basic"),
    name: credentialName,
    username: required("user name").refine(
      (v) => !v.includes(":"),
      "A Basic auth user name cannot contain ':'.",
    ),
    password: secret("password", mode, 1024),
  });

export const basic = defineKind({
  type: "basic",
  info: {
    label: "Basic auth",
    description: "Adds Authorization: Basic … with the user name and password, base64 encoded.",
    beta: false,
    warning:
      "This option is less secure as it allows the username and password in your request to be decoded. Consider using the alternative options where possible.",
  },
  form,
  stored: z.object({ username: z.string() }),
  secrets: z.object({ password: z.string() }),
  emptyValues: { type: "basic", name: "", username: "", password: "" },
  withoutSecrets: (values) => ({ ...values, password: "" }),
});
