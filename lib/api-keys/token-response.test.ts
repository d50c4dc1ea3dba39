import { describe, expect, it } from "vitest";
import { tokenResponseJson, type TokenResponse } from "./authenticate";

describe("token response JSON", () => {
  it("is what JSON.stringify would write, with the scope escaped", () => {
    for (const scope of ["", "cards:read environments:read", 'odd"scope\\with\u0001controls']) {
      const tokens: TokenResponse = {
        access_token: "wbat_YXxjbGFifDF8MTc2NDExMTExMXxhYmN8.c2lnbmF0dXJl",
        token_type: "Bearer",
        expires_in: 3600,
        refresh_token: "wbrt_cnxjbGFifDF8MTc2NjcwMzExMXxkZWZ8.c2lnbmF0dXJl",
        scope,
      };
      expect(JSON.parse(tokenResponseJson(tokens))).toEqual(tokens);
      expect(tokenResponseJson(tokens)).toBe(JSON.stringify(tokens));
    }
  });
});
