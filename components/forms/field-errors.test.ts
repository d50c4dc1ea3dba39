import { describe, expect, it } from "vitest";
import { formFieldErrors } from "./field-errors";

describe("formFieldErrors", () => {
  it("keeps a top-level field's error on that field", () => {
    expect(formFieldErrors({ name: "", email: "" }, { email: "Enter a valid email address." })).toEqual([
      ["email", "Enter a valid email address."],
    ]);
  });

  it("reaches a field inside a list of objects (nested paths)", () => {
    const values = {
      name: "x",
      headers: [
        { name: "A", value: "1" },
        { name: "", value: "2" },
      ],
    };
    expect(
      formFieldErrors(
        values,
        {
          "credential.headers.1.name": "Enter a header name.",
          "credential.headers.0.value": "Too long.",
        },
        "credential.",
      ),
    ).toEqual([
      ["headers.1.name", "Enter a header name."],
      ["headers.0.value", "Too long."],
    ]);
  });

  it("puts an error about one entry of a list of plain values on the list", () => {
    const values = { permissions: ["cards:read", "cards:fly"], allowlist: ["10.0.0.1", "nonsense"] };
    expect(
      formFieldErrors(values, {
        "permissions.1": 'Unknown permission "cards:fly"',
        "allowlist.1": "Not an IP address or CIDR range",
        allowlist: "At most 50 entries",
      }),
    ).toEqual([
      ["permissions", 'Unknown permission "cards:fly"'],
      ["allowlist", "Not an IP address or CIDR range"],
    ]);
  });

  it("puts an error about an entry on the entry in the lists whose entries have inputs of their own", () => {
    const values = { allowedDestinations: ["https://a.example", "nonsense"], permissions: ["x"] };
    expect(
      formFieldErrors(
        values,
        {
          "allowedDestinations.1": "Enter an https:// origin.",
          allowedDestinations: "At most 20 destinations.",
          "permissions.0": "Unknown permission",
        },
        "",
        ["allowedDestinations"],
      ),
    ).toEqual([
      ["allowedDestinations.1", "Enter an https:// origin."],
      ["allowedDestinations", "At most 20 destinations."],
      ["permissions", "Unknown permission"],
    ]);
  });

  it("strips the prefix the form's values sit under, and keeps other paths whole", () => {
    expect(
      formFieldErrors(
        { bucket: "" },
        { "values.bucket": "Enter a bucket.", expectedVersion: "Stale." },
        "values.",
      ),
    ).toEqual([
      ["bucket", "Enter a bucket."],
      ["expectedVersion", "Stale."],
    ]);
  });

  it("leaves the form-level error to the failure message, and unknown nested paths whole", () => {
    expect(
      formFieldErrors({ headers: [] as { name: string }[] }, { _form: "Invalid.", "extra.0.x": "No." }),
    ).toEqual([["extra.0.x", "No."]]);
  });

  it("does not walk into dates or other non-plain values", () => {
    const values = { expiresAt: new Date(0) };
    expect(formFieldErrors(values, { "expiresAt.x": "Bad." })).toEqual([["expiresAt.x", "Bad."]]);
    expect(formFieldErrors(values, { expiresAt: "In the past." })).toEqual([["expiresAt", "In the past."]]);
  });

  it("answers nothing when there are no field errors", () => {
    expect(formFieldErrors({ name: "" }, undefined)).toEqual([]);
  });
});
