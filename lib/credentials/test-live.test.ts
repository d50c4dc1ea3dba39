import { beforeEach, describe, expect, it, vi } from "vitest";
import { SignJWT } from "jose";
import type { OutboundRequest, OutboundResult } from "../outbound";
import { dropCredentialCaches } from "./cache";
import { fakeClock } from "./clock";
import { stsDefaultUrl } from "./kinds/aws-signed-request";
import { testCredential } from "./test-live";
import type { ResolvableCredential } from "./types";

const timing = { dnsMs: 1, connectMs: 2, tlsMs: 3, firstByteMs: 4, totalMs: 5 };

/** A fake network that echoes the request (as a careless peer might), or answers a token. */
function fakeSend(token: string) {
  return vi.fn(async (request: OutboundRequest): Promise<OutboundResult> => {
    const isToken = request.url.includes("/token");
    const body = isToken
      ? JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600, scope: "read" })
      : JSON.stringify({ echo: request });
    return {
      ok: true,
      response: {
        url: request.url,
        status: 200,
        statusText: "OK",
        headers: { "content-type": "application/json" },
        body: Buffer.from(body),
        truncated: false,
        remoteAddress: "203.0.113.1",
        timing,
        redirects: [],
      },
    };
  });
}

const oauth: ResolvableCredential = {
  id: "cred_t1",
  version: 1,
  name: "IdP",
  type: "oauth_client_credentials",
  config: {
    identityUrl: "https://idp.example/token?tenant=a",
    clientId: "client-1",
    scope: "read",
    scheme: "body",
  },
  secrets: { clientSecret: "very-secret-value" },
};

describe("testCredential", () => {
  beforeEach(() => dropCredentialCaches("cred_t1"));

  it("OAuth: reports the token (claims, not the token) and redacts the client secret", async () => {
    const jwt = await new SignJWT({ scope: "read", tenant: "a" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("client-1")
      .sign(new TextEncoder().encode("k".repeat(32)));
    const result = await testCredential(oauth, {}, { send: fakeSend(jwt), clock: fakeClock() });
    expect(result).toMatchObject({
      ok: true,
      summary: 'Token issued: Bearer, expires in 3600 s, scope "read".',
    });
    expect(result.token).toMatchObject({
      ok: true,
      status: 200,
      tokenType: "Bearer",
      expiresIn: 3600,
      scope: "read",
      claims: { sub: "client-1", tenant: "a" },
    });
    expect(result.token?.request?.body).toContain("client_secret=[redacted]");
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain("very-secret-value");
    expect(serialized).not.toContain(jwt);
  });

  it("OAuth with a test URL: sends the Bearer, shows it redacted even when echoed back", async () => {
    const send = fakeSend("opaque-token-123");
    const result = await testCredential(
      oauth,
      { url: "https://api.example/me" },
      { send, clock: fakeClock() },
    );
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1][0].headers).toMatchObject({ Authorization: "Bearer opaque-token-123" });
    expect(result.request?.headers.Authorization).toBe("Bearer [redacted]");
    expect(result.summary).toMatch(/^GET https:\/\/api\.example\/me answered 200 OK in 5 ms\.$/);
    expect(JSON.stringify(result)).not.toContain("opaque-token-123");
  });

  it("AWS: defaults to STS GetCallerIdentity in the region and shows canonical request and string to sign", async () => {
    const send = fakeSend("");
    const aws: ResolvableCredential = {
      id: "cred_t2",
      version: 1,
      name: "AWS",
      type: "aws_signed_request",
      config: { accessKeyId: "AKIDEXAMPLE", service: "sts", region: "ap-southeast-2", signQuery: true },
      secrets: {
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "the-session-token",
      },
    };
    const result = await testCredential(aws, {}, { send });
    expect(
      send.mock.calls[0][0].url.startsWith(
        "https://sts.ap-southeast-2.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-",
      ),
    ).toBe(true);
    expect(stsDefaultUrl("ap-southeast-2")).toBe(
      "https://sts.ap-southeast-2.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
    );
    expect(result.signing?.credentialScope).toMatch(/\/ap-southeast-2\/sts\/aws4_request$/);
    expect(result.request?.url).toContain("X-Amz-Signature=[redacted]");
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain("the-session-token");
    expect(serialized).not.toContain("wJalrXUtnFEMI");
  });

  it("needs a URL for the other types, and reports network failures in plain words", async () => {
    const basic: ResolvableCredential = {
      id: "cred_t3",
      version: 1,
      name: "B",
      type: "basic",
      config: { username: "u" },
      secrets: { password: "pw-123456" },
    };
    expect(await testCredential(basic, {})).toMatchObject({
      ok: false,
      summary: expect.stringMatching(/^Enter a test URL/),
    });
    const failing = vi.fn(async (): Promise<OutboundResult> => ({
      ok: false,
      error: {
        kind: "timeout",
        message: "api.example did not answer within 15 s.",
        url: "",
        timing: null,
        redirects: [],
      },
    }));
    const result = await testCredential(basic, { url: "https://api.example/" }, { send: failing });
    expect(result).toMatchObject({
      ok: false,
      summary: "api.example did not answer within 15 s.",
      error: { kind: "timeout" },
    });
    expect(result.request?.headers.Authorization).toBe("Basic [redacted]");
  });
});
