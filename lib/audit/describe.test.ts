import { describe, expect, it } from "vitest";
import { describeAuditDetails } from "./describe";

describe("audit details in words", () => {
  it("names fields and formats lists, empty values and times", () => {
    expect(
      describeAuditDetails({
        name: "Billing sync",
        kind: "fine_grained",
        permissions: ["cards:read", "environments:read"],
        expiresAt: "2026-12-01T00:00:00.000Z",
        allowlist: [],
        previousSecretExpiresAt: null,
      }),
    ).toEqual([
      { label: "Name", value: "Billing sync" },
      { label: "Kind", value: "fine_grained" },
      { label: "Permissions", value: "cards:read, environments:read" },
      { label: "Expiry", value: "2026-12-01 00:00 UTC" },
      { label: "IP allowlist", value: "none" },
      { label: "Previous secret expires at", value: "none" },
    ]);
  });

  it("shows edits as from → to, and a change of the target itself on one line", () => {
    expect(
      describeAuditDetails({
        name: { from: "Old", to: "New" },
        expiresAt: { from: null, to: "2027-01-01T00:00:00.000Z" },
      }),
    ).toEqual([
      { label: "Name", value: "Old → New" },
      { label: "Expiry", value: "none → 2027-01-01 00:00 UTC" },
    ]);
    expect(describeAuditDetails({ from: "editor", to: "admin" })).toEqual([
      { label: "Changed", value: "editor → admin" },
    ]);
  });

  it("keeps anything else readable rather than dropping it", () => {
    expect(describeAuditDetails({ enabled: true, count: 3, extra: { a: 1 }, constructor: "x" })).toEqual([
      { label: "Enabled", value: "yes" },
      { label: "Count", value: "3" },
      { label: "Extra", value: "A: 1" },
      { label: "Constructor", value: "x" },
    ]);
  });

  it("shows a premium integration's settings and their changes in words, never as JSON", () => {
    const created = describeAuditDetails({
      kind: "s3_analytics",
      settings: {
        bucket: "analytics-bucket",
        region: "eu-west-1",
        prefix: "",
        credentialMode: "keys",
        endpointUrl: "http://127.0.0.1:4569",
        forcePathStyle: true,
      },
      enteredFields: ["secretAccessKey"],
    });
    expect(created).toEqual([
      { label: "Kind", value: "S3 analytics bucket" },
      {
        label: "Settings",
        value:
          "Bucket: analytics-bucket; Region: eu-west-1; Prefix: (empty); Keys from: its own access keys; Endpoint URL: http://127.0.0.1:4569; Path-style addressing: yes",
      },
      { label: "Secrets entered", value: "secretAccessKey" },
    ]);
    const updated = describeAuditDetails({
      kind: "salesforce",
      settings: { subdomain: { from: "old-sub", to: "new-sub" }, accountId: { from: "1", to: "2" } },
    });
    expect(updated[1]).toEqual({
      label: "Settings",
      value: "Subdomain: old-sub → new-sub; Account ID (MID): 1 → 2",
    });
    for (const line of [...created, ...updated]) expect(line.value).not.toMatch(/[{}"]/);
  });
});
