import type { CredentialType } from "@/lib/credentials/schemas";
import type { CredentialFormInput } from "./form-types";

/** Empty values for a new credential of a type. */
export function emptyValues(type: CredentialType): CredentialFormInput {
  switch (type) {
    case "oauth_client_credentials":
      return { type, name: "", identityUrl: "", clientId: "", clientSecret: "", scope: "", scheme: "body" };
    case "aws_signed_request":
      return {
        type,
        name: "",
        accessKeyId: "",
        secretAccessKey: "",
        sessionToken: "",
        clearSessionToken: false,
        service: "",
        region: "",
        signQuery: false,
      };
    case "basic":
      return { type, name: "", username: "", password: "" };
    case "key_pair":
      return {
        type,
        name: "",
        privateKeyPem: "",
        generateKey: false,
        algorithm: "RS256",
        issuer: "",
        subject: "",
        audience: "",
        customClaims: "",
        lifetimeSeconds: 300,
        keyId: "",
      };
    case "custom_headers":
      return { type, name: "", headers: [{ name: "", value: "", secret: true }] };
  }
}

/** The same values with every write-only secret emptied again (after a save). */
export function withoutSecrets(values: CredentialFormInput): CredentialFormInput {
  switch (values.type) {
    case "oauth_client_credentials":
      return { ...values, clientSecret: "" };
    case "aws_signed_request":
      return { ...values, secretAccessKey: "", sessionToken: "", clearSessionToken: false };
    case "basic":
      return { ...values, password: "" };
    case "key_pair":
      return { ...values, privateKeyPem: "", generateKey: false };
    case "custom_headers":
      return { ...values, headers: values.headers.map((h) => (h.secret ? { ...h, value: "" } : h)) };
  }
}
