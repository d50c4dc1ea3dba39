import { afterEach, describe, expect, it } from "vitest";
import { CONFINE_ENV, EMPTY_ALLOWLIST, checkAddress, parseAllowlist } from "./allowlist";
import { systemResolver } from "./guarded-lookup";

describe("confinement to loopback (the test suite's setting)", () => {
  afterEach(() => {
    delete process.env[CONFINE_ENV];
  });

  it("refuses every public address and keeps loopback allowed by the allowlist", () => {
    process.env[CONFINE_ENV] = "1";
    const loopback = parseAllowlist("127.0.0.0/8,::1");
    expect(checkAddress("127.0.0.1", loopback).allowed).toBe(true);
    expect(checkAddress("::1", loopback).allowed).toBe(true);
    expect(checkAddress("::ffff:127.0.0.1", loopback).allowed).toBe(true);
    expect(checkAddress("52.94.4.1", loopback)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining(CONFINE_ENV),
    });
    expect(checkAddress("2600:1f18::1", loopback).allowed).toBe(false);
  });

  it("does not look up any name but localhost", async () => {
    process.env[CONFINE_ENV] = "1";
    await expect(systemResolver("sts.eu-west-1.amazonaws.com")).rejects.toMatchObject({ code: "ENOTFOUND" });
  });

  it("changes nothing when unset: public addresses pass, internal ones are refused", () => {
    expect(checkAddress("52.94.4.1", EMPTY_ALLOWLIST).allowed).toBe(true);
    expect(checkAddress("127.0.0.1", EMPTY_ALLOWLIST).allowed).toBe(false);
  });
});
