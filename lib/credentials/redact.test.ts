import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact";

describe("createRedactor", () => {
  const redactor = createRedactor(["s3cr3t/+=", "hunter22", "abc"]);

  it("hides Authorization values but keeps the scheme and the AWS credential scope", () => {
    expect(redactor.headers({ Authorization: "Bearer eyJhbGciOi.x.y" })).toEqual({
      Authorization: `Bearer ${REDACTED}`,
    });
    expect(
      redactor.headers({
        authorization:
          "AWS4-HMAC-SHA256 Credential=AK/20240101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=abcdef",
      }),
    ).toEqual({
      authorization: `AWS4-HMAC-SHA256 Credential=AK/20240101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=${REDACTED}`,
    });
    expect(
      redactor.headers({ "X-Amz-Security-Token": "t", "X-Api-Key": "k", Accept: "a" }, ["x-api-key"]),
    ).toEqual({ "X-Amz-Security-Token": REDACTED, "X-Api-Key": REDACTED, Accept: "a" });
  });

  it("hides signatures, tokens and client secrets in URLs and form bodies", () => {
    expect(redactor.url("https://h/?Action=X&X-Amz-Signature=abc123&X-Amz-Security-Token=t&keep=1")).toBe(
      `https://h/?Action=X&X-Amz-Signature=${REDACTED}&X-Amz-Security-Token=${REDACTED}&keep=1`,
    );
    expect(redactor.formBody("grant_type=client_credentials&client_secret=whatever&scope=a")).toBe(
      `grant_type=client_credentials&client_secret=${REDACTED}&scope=a`,
    );
  });

  it("scrubs secret values wherever they appear, also URL-encoded or JSON-escaped", () => {
    const echoed =
      JSON.stringify({ headers: { x: "s3cr3t/+=" } }) + " s3cr3t%2F%2B%3D s3cr3t%2F%2B%3D hunter22";
    const out = redactor.text(echoed);
    expect(out).not.toMatch(/s3cr3t|hunter22/);
    expect(redactor.text("abc stays: too short to scrub safely")).toContain("abc");
  });
});

describe("what an identity provider answers or echoes", () => {
  const redactor = createRedactor([]);

  it("hides refresh and ID tokens in parameters and JSON fields, and Set-Cookie", () => {
    expect(redactor.formBody("refresh_token=r1&id_token=i1&scope=a")).toBe(
      `refresh_token=${REDACTED}&id_token=${REDACTED}&scope=a`,
    );
    const body = JSON.stringify({
      access_token: "at-1",
      refresh_token: 'rt-"quoted"-1',
      id_token: "it-1",
      token_type: "Bearer",
    });
    const out = redactor.text(body);
    expect(out).not.toMatch(/at-1|rt-|it-1/);
    expect(JSON.parse(out)).toEqual({
      access_token: REDACTED,
      refresh_token: REDACTED,
      id_token: REDACTED,
      token_type: "Bearer",
    });
    expect(redactor.text('error: {"client_secret" : "echoed"}')).toBe(
      `error: {"client_secret" : "${REDACTED}"}`,
    );
    expect(redactor.headers({ "Set-Cookie": "session=abc; HttpOnly" })).toEqual({ "Set-Cookie": REDACTED });
  });
});
