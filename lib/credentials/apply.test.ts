import { describe, expect, it } from "vitest";
import aws4 from "aws4";
import { applyCredential } from "./apply";
import { fakeClock } from "./clock";
import type { ResolvableCredential } from "./types";

const base = { id: "cred_x", version: 1, name: "X" };
const request = {
  method: "GET",
  url: "https://api.example/v1/items?b=2&a=1",
  headers: { Accept: "application/json", authorization: "old" },
};

describe("applyCredential", () => {
  it("basic: Authorization: Basic base64(user:password), replacing any existing header", async () => {
    const applied = await applyCredential(
      { ...base, type: "basic", config: { username: "alice" }, secrets: { password: "pä:ss" } },
      request,
    );
    expect(applied.ok && applied.request.headers).toEqual({
      Accept: "application/json",
      Authorization: `Basic ${Buffer.from("alice:pä:ss").toString("base64")}`,
    });
  });

  it("custom headers: plain and secret values", async () => {
    const credential: ResolvableCredential = {
      ...base,
      type: "custom_headers",
      config: {
        headers: [
          { name: "X-Tenant", value: "acme", secret: false },
          { name: "X-Api-Key", value: "", secret: true },
        ],
      },
      secrets: { "header:x-api-key": "k-123" },
    };
    const applied = await applyCredential(credential, request);
    expect(applied.ok && applied.request.headers).toMatchObject({ "X-Tenant": "acme", "X-Api-Key": "k-123" });
    const missing = await applyCredential({ ...credential, secrets: {} }, request);
    expect(missing).toEqual({
      ok: false,
      message: "The secret value of header X-Api-Key is missing; edit the credential and enter it again.",
    });
  });

  it("aws: header signing with a session token that aws4 recomputes to the same signature", async () => {
    const clock = fakeClock(Date.UTC(2024, 9, 22, 10, 0, 0));
    const credential: ResolvableCredential = {
      ...base,
      type: "aws_signed_request",
      config: { accessKeyId: "AKIDEXAMPLE", service: "execute-api", region: "eu-west-1", signQuery: false },
      secrets: { secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-tok" },
    };
    const applied = await applyCredential(
      credential,
      {
        method: "GET",
        url: "https://api.example:8443/v1/x?b=2&a=1",
        headers: { Accept: "application/json" },
      },
      { clock },
    );
    if (!applied.ok) throw new Error(applied.message);
    const { headers } = applied.request;
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20241022\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=accept;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(headers.host).toBe("api.example:8443");
    const recomputed = aws4.sign(
      // aws4 (an independent implementation) recomputes the signature from the same inputs.
      {
        method: "GET",
        host: "api.example:8443",
        path: "/v1/x?b=2&a=1",
        service: "execute-api",
        region: "eu-west-1",
        headers: {
          Accept: "application/json",
          "X-Amz-Date": headers["x-amz-date"],
          "X-Amz-Security-Token": "session-tok",
        },
      },
      { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
    );
    expect((recomputed.headers as Record<string, string>).Authorization).toBe(headers.authorization);
    expect(applied.aws?.canonicalRequest.split("\n").slice(0, 3)).toEqual(["GET", "/v1/x", "a=1&b=2"]);
    expect(applied.aws?.stringToSign.split("\n")[0]).toBe("AWS4-HMAC-SHA256");
  });

  it("aws sign query: presigned URL, no Authorization header", async () => {
    const credential: ResolvableCredential = {
      ...base,
      type: "aws_signed_request",
      config: { accessKeyId: "AKIDEXAMPLE", service: "sts", region: "us-east-1", signQuery: true },
      secrets: { secretAccessKey: "secret" },
    };
    const applied = await applyCredential(credential, {
      method: "GET",
      url: "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
      headers: {},
    });
    if (!applied.ok) throw new Error(applied.message);
    const url = new URL(applied.request.url);
    expect(url.searchParams.get("Action")).toBe("GetCallerIdentity");
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(applied.request.headers).map((h) => h.toLowerCase())).not.toContain("authorization");
  });

  it("reports an invalid URL as a value", async () => {
    const credential: ResolvableCredential = {
      ...base,
      type: "aws_signed_request",
      config: { accessKeyId: "A", service: "s", region: "r", signQuery: false },
      secrets: { secretAccessKey: "s" },
    };
    const applied = await applyCredential(credential, { method: "GET", url: "not a url", headers: {} });
    expect(applied).toEqual({
      ok: false,
      message: "The credential could not be applied: The request URL is not valid.",
    });
  });
});
