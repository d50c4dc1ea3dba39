import { describe, expect, it } from "vitest";
import { paletteScore } from "./palette-rank";

const entries: [string, string[]][] = [
  ["API keys", ["client id", "secret", "token"]],
  ["Credentials", ["oauth", "basic", "jwt", "headers", "integrations"]],
  ["S3 Action Flows buckets", ["aws", "s3", "bucket", "action flows"]],
  ["S3 analytics buckets", ["aws", "s3", "bucket", "analytics"]],
  ["Account", ["password", "two-factor", "sessions"]],
  ["New API key", []],
  ["New credential", []],
  ["Switch environment to staging", ["environment", "staging"]],
  ["Okta production cred_123", ["Basic"]],
];

function ranked(search: string): string[] {
  return entries
    .map(([value, keywords]) => ({ value, score: paletteScore(value, search, keywords) }))
    .filter((e) => e.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((e) => e.value);
}

describe("command palette ranking", () => {
  it("a verb puts the actions first", () => {
    expect(ranked("new").slice(0, 2)).toEqual(["New API key", "New credential"]);
    expect(ranked("create key")[0]).toBe("New API key");
    expect(ranked("add cred")[0]).toBe("New credential");
  });

  it("never picks letters across words", () => {
    expect(ranked("okta")).toEqual(["Okta production cred_123"]);
    expect(paletteScore("S3 Action Flows buckets", "okta", ["aws", "s3", "bucket", "action flows"])).toBe(0);
  });

  it("prefix matches come before word and keyword matches", () => {
    expect(ranked("s3 a")).toEqual(["S3 Action Flows buckets", "S3 analytics buckets"]);
    expect(ranked("api")[0]).toBe("API keys");
    expect(ranked("flows")).toEqual(["S3 Action Flows buckets"]);
    expect(ranked("staging")).toEqual(["Switch environment to staging"]);
    expect(ranked("password")).toEqual(["Account"]);
  });
});
