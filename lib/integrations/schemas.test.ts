import { describe, expect, it } from "vitest";
import { createIntegrationInput, updateIntegrationInput, s3FieldsFor } from "./schemas";
import { blankS3, BLANK_MARKETO, BLANK_SALESFORCE } from "./form-blanks";
import { marketoBase, marketoTokenUrl, probeKey, salesforceTokenUrl } from "./endpoints";
import { planIntegrationStorage } from "./storage";

const s3 = { ...blankS3("s3_analytics"), name: "Analytics", bucket: "my-bucket", region: "eu-west-1" };

describe("integration schemas", () => {
  it("requires a credential or own keys for an S3 bucket", () => {
    const parsed = s3FieldsFor("s3_analytics", "create").safeParse(s3);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["credentialId"]);
    const keys = s3FieldsFor("s3_analytics", "create").safeParse({
      ...s3,
      credentialMode: "keys",
      accessKeyId: "AKIDEXAMPLE",
    });
    expect(keys.error?.issues.map((i) => i.path.join("."))).toEqual(["secretAccessKey"]);
    // On edit an empty secret means "unchanged".
    expect(
      s3FieldsFor("s3_analytics", "update").safeParse({
        ...s3,
        credentialMode: "keys",
        accessKeyId: "AKIDEXAMPLE",
      }).success,
    ).toBe(true);
  });

  it.each(["ab", "Upper", "-lead", "trail-", "a..b", "x".repeat(64)])(
    "refuses the bucket name %s",
    (bucket) => {
      expect(
        s3FieldsFor("s3_analytics", "create").safeParse({ ...s3, bucket, credentialId: "c" }).success,
      ).toBe(false);
    },
  );

  it("takes exactly one of subdomain or auth base URL, and a numeric MID", () => {
    const base = { ...BLANK_SALESFORCE, name: "SFMC", clientId: "id", clientSecret: "s" };
    expect(createIntegrationInput.safeParse({ environmentId: 1, values: base }).success).toBe(false);
    expect(
      createIntegrationInput.safeParse({ environmentId: 1, values: { ...base, subdomain: "mc123-abc" } })
        .success,
    ).toBe(true);
    expect(
      createIntegrationInput.safeParse({
        environmentId: 1,
        values: { ...base, subdomain: "mc1", authBaseUrl: "https://x.example" },
      }).success,
    ).toBe(false);
    expect(
      createIntegrationInput.safeParse({
        environmentId: 1,
        values: { ...base, subdomain: "mc1", accountId: "12a" },
      }).success,
    ).toBe(false);
  });

  it("checks the Munchkin ID format and the discriminated kind on update", () => {
    const base = { ...BLANK_MARKETO, name: "Marketo", clientId: "id" };
    expect(
      updateIntegrationInput.safeParse({ id: "i", values: { ...base, munchkinId: "123-ABC-456" } }).success,
    ).toBe(true);
    expect(
      updateIntegrationInput.safeParse({ id: "i", values: { ...base, munchkinId: "123ABC456" } }).success,
    ).toBe(false);
    expect(
      updateIntegrationInput.safeParse({
        id: "i",
        values: { ...base, kind: "ftp", munchkinId: "123-ABC-456" },
      }).success,
    ).toBe(false);
  });
});

describe("endpoints", () => {
  it("builds the SFMC v2 token URL from a subdomain or a base URL", () => {
    expect(salesforceTokenUrl({ subdomain: "MC563885gzs27c5t9", authBaseUrl: "" })).toBe(
      "https://mc563885gzs27c5t9.auth.marketingcloudapis.com/v2/token",
    );
    expect(salesforceTokenUrl({ subdomain: "", authBaseUrl: "http://127.0.0.1:9/sfmc/" })).toBe(
      "http://127.0.0.1:9/sfmc/v2/token",
    );
  });

  it("builds Marketo's identity URL with the OAuth parameters in the query", () => {
    expect(marketoBase({ munchkinId: "123-abc-456", baseUrl: "" })).toBe("https://123-ABC-456.mktorest.com");
    expect(marketoBase({ munchkinId: "", baseUrl: "https://123-ABC-456.mktorest.com/rest/" })).toBe(
      "https://123-ABC-456.mktorest.com",
    );
    const url = new URL(
      marketoTokenUrl({ munchkinId: "", baseUrl: "http://127.0.0.1:9/identity" }, "cid", "s&cret"),
    );
    expect(url.pathname).toBe("/identity/oauth/token");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      grant_type: "client_credentials",
      client_id: "cid",
      client_secret: "s&cret",
    });
  });

  it("puts the probe object below the prefix with one slash", () => {
    expect(probeKey("", "1")).toBe("workbench-probe-1.txt");
    expect(probeKey("analytics", "1")).toBe("analytics/workbench-probe-1.txt");
    expect(probeKey("/a/b/", "1")).toBe("a/b/workbench-probe-1.txt");
  });
});

describe("planIntegrationStorage", () => {
  it("keeps stored secrets that were not typed again and never puts a secret in the settings", () => {
    const values = {
      ...s3,
      credentialMode: "keys" as const,
      accessKeyId: "AKID",
      secretAccessKey: "",
      sessionToken: "tok",
    };
    const plan = planIntegrationStorage(values, new Set(["secretAccessKey"]));
    expect(plan.keep).toEqual(["secretAccessKey"]);
    expect(plan.newSecrets).toEqual({ sessionToken: "tok" });
    expect(JSON.stringify(plan.config)).not.toContain("tok");
    expect(() => planIntegrationStorage(values)).toThrow(/correct/);
  });

  it("drops own keys when the bucket switches to a saved credential", () => {
    const plan = planIntegrationStorage(
      { ...s3, credentialId: "cred_1", accessKeyId: "AKID", secretAccessKey: "x", sessionToken: "" },
      new Set(["secretAccessKey"]),
    );
    expect(plan).toMatchObject({
      keep: [],
      newSecrets: {},
      config: { credentialId: "cred_1", accessKeyId: "" },
    });
  });
});
