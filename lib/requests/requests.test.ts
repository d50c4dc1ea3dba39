import { describe, expect, it } from "vitest";
import type { OutboundResponse } from "../outbound";
import { createRedactor } from "../credentials/redact";
import { MAX_REQUEST_BODY_BYTES, sendRequestBody } from "./schemas";
import { sentResponse, textOf } from "./view";

describe("sendRequestBody", () => {
  it("accepts a request with a credential, headers and a body", () => {
    const parsed = sendRequestBody.parse({
      credentialId: "cred_1",
      method: "POST",
      url: " https://api.example.com/v1/things ",
      headers: { "Content-Type": "application/json" },
      body: "{}",
      timeoutMs: 5000,
    });
    expect(parsed.url).toBe("https://api.example.com/v1/things");
  });

  it("names each problem by field", () => {
    const result = sendRequestBody.safeParse({
      method: "TRACE",
      url: "ftp://x",
      headers: { "Bad Name": "x", Host: "y", "X-Ok": "a\r\nInjected: 1" },
      timeoutMs: 99,
      extra: true,
    });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["method", expect.stringMatching(/Use one of GET/)],
        ["url", expect.stringMatching(/http:\/\/ or https:\/\//)],
        ["headers.Bad Name", expect.stringMatching(/no spaces or colons/)],
        ["headers.Host", "Host is managed by the HTTP client and cannot be set here."],
        ["headers.X-Ok", expect.stringMatching(/line breaks/)],
        ["timeoutMs", expect.stringMatching(/at least 1000/)],
        ["", expect.stringMatching(/extra/)],
      ]),
    );
  });

  it("refuses a header value HTTP cannot carry (outside Latin-1) with a field error", () => {
    const result = sendRequestBody.safeParse({
      method: "GET",
      url: "https://a.example",
      headers: { "X-Price": "10 €", "X-Name": "Zoë" },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["headers.X-Price"]);
  });

  it("refuses a body on GET and a body over the limit", () => {
    expect(sendRequestBody.safeParse({ method: "GET", url: "https://a.example", body: "x" }).success).toBe(
      false,
    );
    const big = "é".repeat(MAX_REQUEST_BODY_BYTES / 2 + 1); // 2 bytes each in UTF-8
    expect(sendRequestBody.safeParse({ method: "POST", url: "https://a.example", body: big }).success).toBe(
      false,
    );
  });
});

const response = (body: Buffer, extra: Partial<OutboundResponse> = {}): OutboundResponse => ({
  url: "https://a.example/x",
  status: 200,
  statusText: "OK",
  headers: { "content-type": "text/plain" },
  body,
  truncated: false,
  remoteAddress: "127.0.0.1",
  timing: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2, totalMs: 3 },
  redirects: [],
  ...extra,
});

describe("sentResponse", () => {
  const redactor = createRedactor(["super-secret-value"]);

  it("returns text bodies as text, with an echoed secret scrubbed", () => {
    const view = sentResponse(response(Buffer.from("you sent super-secret-value")), redactor);
    expect(view).toMatchObject({ body: "you sent [redacted]", bodyEncoding: "utf8", bodyBytes: 27 });
  });

  it("returns binary bodies as base64, byte for byte", () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const view = sentResponse(response(bytes), redactor);
    expect(view.bodyEncoding).toBe("base64");
    expect(Buffer.from(view.body, "base64")).toEqual(bytes);
    expect(textOf(Buffer.from([0xc3, 0x28]))).toBeNull(); // invalid UTF-8
  });

  it("hides secret headers and keeps the cut flag and timings", () => {
    const view = sentResponse(
      response(Buffer.from("x"), {
        headers: { "x-trace": "t1", echo: "super-secret-value" },
        truncated: true,
      }),
      redactor,
    );
    expect(view.headers).toEqual({ "x-trace": "t1", echo: "[redacted]" });
    expect(view.truncated).toBe(true);
    expect(view.timings.totalMs).toBe(3);
  });
});
