import { describe, expect, it } from "vitest";
import {
  createCredentialFields,
  headerNameProblem,
  listCredentialsInput,
  testCredentialInput,
  updateCredentialFields,
  createCredentialInput,
} from "./schemas";
import { parseCustomClaims } from "./kinds/key-pair";

// Every form carries where the credential may be sent (parsed only: nothing is sent here).
const dest = { allowedDestinations: ["https://login.example"] };

const oauth = {
  type: "oauth_client_credentials",
  ...dest,
  name: "IdP",
  identityUrl: "https://login.example/token?tenant=a",
  clientId: "id",
  clientSecret: "s",
  scope: "",
  scheme: "body",
};

function errorsOf(schema: typeof createCredentialFields, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("credential schemas", () => {
  it("accepts one valid value of every type", () => {
    const values = [
      oauth,
      {
        type: "aws_signed_request",
        ...dest,
        name: "AWS",
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "x",
        service: "execute-api",
        region: "eu-west-1",
        signQuery: false,
      },
      { type: "basic", ...dest, name: "B", username: "u", password: "p" },
      {
        type: "key_pair",
        ...dest,
        name: "K",
        generateKey: true,
        algorithm: "ES256",
        issuer: "",
        subject: "",
        audience: "",
        customClaims: '{"tenant":"a"}',
        lifetimeSeconds: 300,
        keyId: "",
      },
      {
        type: "custom_headers",
        ...dest,
        name: "H",
        headers: [{ name: "X-Api-Key", value: "k", secret: true }],
      },
    ];
    for (const value of values)
      expect(createCredentialFields.safeParse(value).success, value.type).toBe(true);
  });

  it("requires secrets on create but treats empty as unchanged on update", () => {
    expect(errorsOf(createCredentialFields, { ...oauth, clientSecret: "" })).toEqual({
      clientSecret: "Enter the client secret.",
    });
    expect(updateCredentialFields.safeParse({ ...oauth, clientSecret: "" }).success).toBe(true);
    expect(updateCredentialFields.safeParse({ ...oauth, clientSecret: undefined }).success).toBe(true);
  });

  it("gives field-level messages", () => {
    expect(errorsOf(createCredentialFields, { ...oauth, identityUrl: "ftp://x" })).toHaveProperty(
      "identityUrl",
    );
    expect(errorsOf(createCredentialFields, { ...oauth, scheme: "header" })).toHaveProperty("scheme");
    expect(
      errorsOf(createCredentialFields, { type: "basic", ...dest, name: " ", username: "a:b", password: "p" }),
    ).toEqual({
      name: "Enter a name.",
      username: "A Basic auth user name cannot contain ':'.",
    });
    const aws = {
      type: "aws_signed_request",
      ...dest,
      name: "A",
      accessKeyId: "AK",
      secretAccessKey: "s",
      service: "my service",
      region: "eu/west",
      signQuery: true,
    };
    const scopeMessage = (label: string) =>
      `The ${label} may contain only letters, digits, '.', '_' and '-'.`;
    expect(errorsOf(createCredentialFields, aws)).toEqual({
      service: scopeMessage("service"),
      region: scopeMessage("region"),
    });
    // They reach the STS URL's host name: nothing that would change where it points.
    for (const bad of ["eu-west-1?x", "eu#1", "evil.example@eu", "eu:443"])
      expect(errorsOf(createCredentialFields, { ...aws, service: "sts", region: bad }), bad).toEqual({
        region: scopeMessage("region"),
      });
    expect(
      errorsOf(createCredentialFields, { ...aws, service: "execute-api", region: "us-gov-west-1" }),
    ).toEqual({});
    // A line break in a secret would split the header it travels in: a field error, not a failed send.
    expect(
      errorsOf(createCredentialFields, {
        ...aws,
        service: "s3",
        region: "eu-west-1",
        sessionToken: "t\r\nX: 1",
      }),
    ).toEqual({ sessionToken: "The session token cannot contain line breaks or control characters." });
    expect(
      errorsOf(createCredentialFields, {
        type: "basic",
        ...dest,
        name: "B",
        username: "u",
        password: "p\nq",
      }),
    ).toEqual({ password: "The password cannot contain line breaks or control characters." });
    expect(errorsOf(createCredentialFields, { type: "nope", ...dest, name: "x" })).toHaveProperty("type");
  });

  it("validates custom headers: RFC 7230 names, forbidden names, duplicates, values", () => {
    const headers = [
      { name: "X-Api-Key", value: "a", secret: false },
      { name: "x-api-key", value: "b", secret: false },
      { name: "Bad Name", value: "c", secret: false },
      { name: "Host", value: "d", secret: false },
      { name: "X-Ok", value: "line\nbreak", secret: false },
      { name: "X-Secret", value: "", secret: true },
    ];
    const errors = errorsOf(createCredentialFields, { type: "custom_headers", ...dest, name: "H", headers });
    expect(Object.keys(errors).sort()).toEqual([
      "headers.1.name",
      "headers.2.name",
      "headers.3.name",
      "headers.4.value",
      "headers.5.value",
    ]);
    const update = updateCredentialFields.safeParse({
      type: "custom_headers",
      ...dest,
      name: "H",
      headers: [headers[5]],
    });
    expect(update.success).toBe(true);
  });

  it("property: header names are accepted exactly when they are RFC 7230 tokens and not reserved", () => {
    const tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (let code = 0; code < 256; code += 1) {
      const c = String.fromCharCode(code);
      expect(headerNameProblem(`X${c}Y`) === null, JSON.stringify(c)).toBe(tchar.includes(c));
    }
    for (const reserved of [
      "connection",
      "Keep-Alive",
      "TE",
      "transfer-encoding",
      "Upgrade",
      "HOST",
      "content-length",
      "Proxy-Authorization",
    ]) {
      expect(headerNameProblem(reserved)).toMatch(/managed by the HTTP client/);
    }
  });

  it("parses custom claims from JSON text or an object, refusing reserved claims", () => {
    expect(parseCustomClaims("")).toEqual({ claims: {} });
    expect(parseCustomClaims({ tenant: "a" })).toEqual({ claims: { tenant: "a" } });
    expect(parseCustomClaims("[1]")).toEqual({ error: "Custom claims must be a JSON object." });
    expect(parseCustomClaims("{bad")).toHaveProperty("error");
    expect(parseCustomClaims('{"exp": 1, "iss": "x"}')).toEqual({
      error: "Set exp, iss with the fields above, not as custom claims.",
    });
  });

  it("needs a key or generateKey for a new key-pair credential", () => {
    const keyPair = {
      type: "key_pair",
      ...dest,
      name: "K",
      algorithm: "RS256",
      issuer: "",
      subject: "",
      audience: "",
      customClaims: "",
      lifetimeSeconds: 300,
      keyId: "",
    };
    expect(errorsOf(createCredentialFields, keyPair)).toEqual({
      privateKeyPem: "Paste the private key, or generate a new key pair.",
    });
    expect(errorsOf(createCredentialFields, { ...keyPair, privateKeyPem: "hello" })).toHaveProperty(
      "privateKeyPem",
    );
    expect(
      errorsOf(createCredentialFields, { ...keyPair, generateKey: true, lifetimeSeconds: 5 }),
    ).toHaveProperty("lifetimeSeconds");
  });

  it("wraps the form values with the environment for create", () => {
    expect(createCredentialInput.safeParse({ environmentId: 1, credential: oauth }).success).toBe(true);
    expect(createCredentialInput.safeParse({ environmentId: "1", credential: oauth }).success).toBe(false);
  });

  it("requires at least one valid allowed destination on every kind, in both modes", () => {
    const withoutField = Object.fromEntries(
      Object.entries(oauth).filter(([key]) => key !== "allowedDestinations"),
    );
    expect(errorsOf(createCredentialFields, withoutField)).toHaveProperty("allowedDestinations");
    expect(errorsOf(createCredentialFields, { ...oauth, allowedDestinations: [] })).toEqual({
      allowedDestinations: "Add at least one destination this credential may be sent to.",
    });
    expect(
      errorsOf(updateCredentialFields as typeof createCredentialFields, {
        ...oauth,
        allowedDestinations: ["https://ok.example", "ftp://no.example"],
      }),
    ).toHaveProperty("allowedDestinations.1");
    expect(
      createCredentialFields.safeParse({
        type: "basic",
        name: "B",
        username: "u",
        password: "p",
        allowedDestinations: ["https://*.example.com/v2", "http://127.0.0.1:8080"],
      }).success,
    ).toBe(true);
  });

  it("refuses a line break in a test's content type with a field error, and reads wild pages as the first", () => {
    const test = testCredentialInput.safeParse({ id: "cred_x", contentType: "text/plain\r\nX-Injected: 1" });
    expect(test.success).toBe(false);
    expect(test.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["contentType", "The content type cannot contain line breaks or control characters."],
    ]);
    for (const page of [1e300, 10_001, 0, -1, 2.5])
      expect(listCredentialsInput.parse({ environmentId: 1, page }).page, String(page)).toBe(1);
    expect(listCredentialsInput.parse({ environmentId: 1, page: 7 }).page).toBe(7);
  });
});
