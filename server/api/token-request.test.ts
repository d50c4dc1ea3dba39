import { parse } from "fast-querystring";
import { describe, expect, it } from "vitest";
import { parseBasic, readTokenRequest as readParsed } from "./token-request";

// The route hands over the query as Fastify parsed it (fast-querystring, as here).
const readTokenRequest = (url: string, body: string, authorization: string | undefined) =>
  readParsed(parse(url.split("?")[1] ?? ""), body, authorization);

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

describe("token request parsing", () => {
  it("reads the documented request: query parameters, Basic credentials, empty body", () => {
    const parsed = readTokenRequest(
      "/oauth2/token?grant_type=client_credentials&client_id=wbci_a",
      "",
      basic("wbci_a", "s3cret"),
    );
    expect(parsed).toEqual({
      ok: true,
      request: { grantType: "client_credentials", clientId: "wbci_a", clientSecret: "s3cret", scope: [] },
    });
  });

  it("reads form-body parameters and client_secret_post", () => {
    const parsed = readTokenRequest(
      "/oauth2/token",
      "grant_type=client_credentials&client_id=id&client_secret=sec&scope=cards:read+environments:read",
      undefined,
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        grantType: "client_credentials",
        clientId: "id",
        clientSecret: "sec",
        scope: ["cards:read", "environments:read"],
      },
    });
  });

  it("form-decodes Basic credentials (RFC 6749 §2.3.1)", () => {
    expect(parseBasic(basic("a%3Ab", "p+w%25"))).toEqual({ clientId: "a:b", clientSecret: "p w%" });
    expect(parseBasic("Basic !!!")).toBeNull();
    expect(parseBasic("Basic " + Buffer.from("no-colon").toString("base64"))).toBeNull();
    expect(parseBasic("Bearer abc")).toBeNull();
  });

  it("refuses ambiguity and missing pieces with the RFC's error codes", () => {
    const cases: [string, string, string | undefined, string][] = [
      ["/t", "", undefined, "invalid_request"],
      ["/t?grant_type=password", "", basic("a", "b"), "unsupported_grant_type"],
      ["/t?grant_type=client_credentials", "grant_type=refresh_token", basic("a", "b"), "invalid_request"],
      ["/t?grant_type=client_credentials", "client_secret=x", basic("a", "b"), "invalid_request"],
      ["/t?grant_type=client_credentials&client_id=other", "", basic("a", "b"), "invalid_request"],
      ["/t?grant_type=client_credentials", "", undefined, "invalid_client"],
      ["/t?grant_type=client_credentials", "", "Basic ####", "invalid_client"],
      ["/t?grant_type=refresh_token", "", basic("a", "b"), "invalid_request"],
      ["/t?grant_type=client_credentials&scope=%22bad%22", "", basic("a", "b"), "invalid_scope"],
    ];
    for (const [url, body, auth, error] of cases) {
      const parsed = readTokenRequest(url, body, auth);
      expect(parsed.ok ? "ok" : parsed.error, `${url} ${body}`).toBe(error);
    }
  });

  it("refuses a client secret in the URL query, where proxies and logs would keep it", () => {
    for (const auth of [undefined, basic("id", "sec")]) {
      const parsed = readTokenRequest(
        "/t?grant_type=client_credentials&client_id=id&client_secret=sec",
        "",
        auth,
      );
      expect(parsed).toEqual({
        ok: false,
        error: "invalid_request",
        description:
          "client_secret must not be sent in the URL query: use the Authorization header (Basic) or the form body",
      });
    }
    const empty = readTokenRequest(
      "/t?grant_type=client_credentials&client_id=id&client_secret=",
      "",
      undefined,
    );
    expect(empty).toMatchObject({ ok: false, error: "invalid_request" });
  });

  it("sees a repeated parameter however many pairs come before it", () => {
    const padding = "a&".repeat(1500);
    const repeated = readTokenRequest(
      "/t?grant_type=client_credentials",
      `${padding}grant_type=refresh_token`,
      basic("a", "b"),
    );
    expect(repeated).toMatchObject({
      ok: false,
      error: "invalid_request",
      description: "The grant_type parameter was sent more than once",
    });
    const twoMethods = readTokenRequest(
      "/t?grant_type=client_credentials",
      `${padding}client_secret=zzz`,
      basic("a", "b"),
    );
    expect(twoMethods).toMatchObject({ ok: false, error: "invalid_request" });
    const posted = readTokenRequest(
      "/t",
      `${padding}grant_type=client_credentials&client_id=id&client_secret=sec`,
      undefined,
    );
    expect(posted).toMatchObject({ ok: true, request: { clientId: "id", clientSecret: "sec" } });
  });

  it("decodes the query and the body alike, even malformed escapes", () => {
    const same = readTokenRequest(
      "/t?grant_type=client_credentials&client_id=wbci%5Fx%zz",
      "client_id=wbci%5Fx%zz",
      basic("wbci%5Fx%zz", "s"),
    );
    expect(same).toMatchObject({ ok: true, request: { clientId: "wbci%5Fx%zz" } });
  });

  it("survives malformed percent-encoding and unicode", () => {
    const parsed = readTokenRequest(
      "/t?grant_type=client_credentials&client_id=%E0%A4%A",
      "",
      basic("ключ", "秘密"),
    );
    expect(parsed.ok).toBe(false);
    const ok = readTokenRequest("/t?grant_type=client_credentials", "", basic("ключ", "秘密"));
    expect(ok).toMatchObject({ ok: true, request: { clientId: "ключ", clientSecret: "秘密" } });
  });
});
