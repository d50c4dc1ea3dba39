import { z } from "zod";
import { KIND_CATALOGUE } from "./catalogue";
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
  info: KIND_CATALOGUE.basic.info,
  form,
  stored: z.object({ username: z.string() }),
  secrets: z.object({ password: z.string() }),
  emptyValues: KIND_CATALOGUE.basic.emptyValues,
  withoutSecrets: KIND_CATALOGUE.basic.withoutSecrets,
});
