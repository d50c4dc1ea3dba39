import { describe, expect, it } from "vitest";
import { sanitizeDetails } from "./audit";

describe("audit details", () => {
  it("drops every key that names a secret, at any depth", () => {
    const details = sanitizeDetails({
      name: "ci",
      clientSecret: "wbsk_x",
      password: "p",
      nested: { accessToken: "t", privateKeyPem: "k", region: "eu-west-1", Authorization: "Basic x" },
      permissions: ["cards:read"],
    });
    expect(details).toEqual({ name: "ci", nested: { region: "eu-west-1" }, permissions: ["cards:read"] });
  });

  it("keeps an empty object for no details", () => {
    expect(sanitizeDetails(undefined)).toEqual({});
  });
});
