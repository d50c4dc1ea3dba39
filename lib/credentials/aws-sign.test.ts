import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { signAwsRequest, type AwsSigningInput } from "./aws-sign";

// AWS's published SigV4 test suite (kept in the aws4 package's repository), see tests/fixtures/README.md.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const suiteDir = path.resolve(repoRoot, "tests/fixtures/aws-sig-v4-test-suite");
const KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SCOPE = { service: "service", region: "us-east-1" };
const DATE = new Date("2015-08-30T12:36:00Z");

function findCases(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (!statSync(full).isDirectory()) return [];
    const own = readdirSync(full).some((f) => f.endsWith(".req")) ? [full] : [];
    return [...own, ...findCases(full)];
  });
}

function decode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, "%20"));
}

/**
 * Reads a `.req` file. The request line's path is taken verbatim (the suite writes it
 * unencoded, e.g. `/example space/` and raw UTF-8), which is what SigV4 then encodes once.
 * Headers that repeat are joined with commas, and obsolete line folding (a continuation
 * line starting with whitespace, get-header-value-multiline) is read as one more value of
 * the header: AWS's expected canonical form is `value1,value2,value3`. Node cannot send a
 * header containing a line break, so a real request never carries a folded value anyway.
 */
function parseRequestFile(text: string): { input: AwsSigningInput; sessionToken?: string } {
  const [head, ...bodyParts] = text.split(/\r?\n\r?\n/);
  const [requestLine, ...headerLines] = head.split(/\r?\n/);
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" HTTP/"));
  const [rawPath, rawQuery = ""] = target.split(/\?(.*)/s);
  const headers: Record<string, string> = {};
  let last = "";
  for (const line of headerLines) {
    if (/^\s/.test(line)) {
      headers[last] += `,${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    last = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    headers[last] = headers[last] === undefined ? value : `${headers[last]},${value}`;
  }
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split("&").filter(Boolean)) {
    const [key, value = ""] = pair.split(/=(.*)/s);
    const existing = query[decode(key)];
    query[decode(key)] =
      existing === undefined
        ? decode(value)
        : [...(Array.isArray(existing) ? existing : [existing]), decode(value)];
  }
  const sessionToken = headers["x-amz-security-token"];
  delete headers["x-amz-security-token"];
  delete headers["x-amz-date"]; // the signer writes it from the signing date
  const body = bodyParts.join("\n\n");
  return {
    input: {
      method,
      protocol: "https:",
      hostname: headers.host,
      path: rawPath,
      query,
      headers,
      ...(body ? { body } : {}),
    },
    sessionToken,
  };
}

const cases = findCases(suiteDir).map((dir) => ({
  name: path.relative(suiteDir, dir),
  dir,
  base: path.join(dir, path.basename(dir)),
}));

describe("AWS SigV4 test suite", () => {
  it("finds every case of the suite", () => {
    expect(cases.length).toBe(31);
  });

  it.each(cases)(
    "$name: canonical request, string to sign and Authorization match AWS",
    async ({ name, base }) => {
      const { input, sessionToken } = parseRequestFile(readFileSync(`${base}.req`, "utf8"));
      // post-sts-header-after: the token is added after signing, so it is not part of the
      // signature. Every other token case (and the resolver) signs it in ("header-before"),
      // which all AWS services accept.
      const signAfter = name.endsWith("post-sts-header-after");
      const keys = sessionToken && !signAfter ? { ...KEYS, sessionToken } : KEYS;
      const result = await signAwsRequest(input, keys, SCOPE, { date: DATE });
      expect(result.canonicalRequest).toBe(readFileSync(`${base}.creq`, "utf8"));
      expect(result.stringToSign).toBe(readFileSync(`${base}.sts`, "utf8"));
      expect(result.headers.authorization).toBe(readFileSync(`${base}.authz`, "utf8"));
      expect(result.credentialScope).toBe("20150830/us-east-1/service/aws4_request");
      if (signAfter) {
        const sreq = readFileSync(`${base}.sreq`, "utf8");
        expect(sreq).toContain("X-Amz-Security-Token:AQoDYXdzEPT");
        expect(sreq).toContain(result.headers.authorization);
      }
    },
  );
});

describe("signAwsRequest beyond the suite", () => {
  const input: AwsSigningInput = {
    method: "GET",
    protocol: "https:",
    hostname: "sts.eu-west-1.amazonaws.com",
    path: "/",
    query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    headers: { host: "sts.eu-west-1.amazonaws.com" },
  };

  it("puts service and region into the scope exactly as entered", async () => {
    const result = await signAwsRequest(
      input,
      KEYS,
      { service: "MyService", region: "Custom-Region-9" },
      { date: DATE },
    );
    expect(result.headers.authorization).toContain(
      "Credential=AKIDEXAMPLE/20150830/Custom-Region-9/MyService/aws4_request",
    );
  });

  it("signs the session token into the headers", async () => {
    const result = await signAwsRequest(
      input,
      { ...KEYS, sessionToken: "tok" },
      { service: "sts", region: "eu-west-1" },
      { date: DATE },
    );
    expect(result.headers["x-amz-security-token"]).toBe("tok");
    expect(result.signedHeaders).toContain("x-amz-security-token");
  });

  it("presigns the query (sign query) with the token and no Authorization header", async () => {
    const result = await signAwsRequest(
      input,
      { ...KEYS, sessionToken: "tok" },
      { service: "sts", region: "eu-west-1" },
      { date: DATE, presign: true },
    );
    expect(result.headers.authorization).toBeUndefined();
    expect(result.query).toMatchObject({
      Action: "GetCallerIdentity",
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "AKIDEXAMPLE/20150830/eu-west-1/sts/aws4_request",
      "X-Amz-Date": "20150830T123600Z",
      "X-Amz-Expires": "900",
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Security-Token": "tok",
    });
    expect(result.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(result.canonicalRequest).toContain("X-Amz-Security-Token=tok");
  });
});
