import { describe, expect, it } from "vitest";
import { setSecretExpiryInput } from "./schemas";
import { daysLeft, dueThreshold, secretExpiryDate, secretExpiryStatus } from "./secret-expiry-status";

const DAY = 24 * 3600_000;
const now = new Date("2026-12-01T12:00:00Z");
const inDays = (days: number) => new Date(now.getTime() + days * DAY);

describe("secret expiry", () => {
  it("is due 14 days before, then 3 days before, and never after the expiry", () => {
    expect(dueThreshold(inDays(20), now)).toBeNull();
    expect(dueThreshold(inDays(14.01), now)).toBeNull();
    expect(dueThreshold(inDays(14), now)).toBe(14);
    expect(dueThreshold(inDays(3.5), now)).toBe(14);
    expect(dueThreshold(inDays(3), now)).toBe(3);
    expect(dueThreshold(inDays(0.1), now)).toBe(3);
    expect(dueThreshold(now, now)).toBeNull();
    expect(dueThreshold(inDays(-1), now)).toBeNull();
  });

  it("says how soon in whole days, and when the console warns", () => {
    expect(secretExpiryStatus(null, now)).toEqual({ state: "none", daysLeft: null });
    expect(secretExpiryStatus(inDays(30), now)).toEqual({ state: "later", daysLeft: 30 });
    expect(secretExpiryStatus(inDays(13.5), now)).toEqual({ state: "soon", daysLeft: 14 });
    expect(secretExpiryStatus(inDays(0.5), now)).toEqual({ state: "soon", daysLeft: 1 });
    expect(secretExpiryStatus(inDays(-2), now).state).toBe("expired");
    expect(daysLeft(inDays(2.2), now)).toBe(3);
  });

  it("takes a calendar date (from 00:00 UTC that day) or nothing", () => {
    expect(secretExpiryDate("2027-03-31")?.toISOString()).toBe("2027-03-31T00:00:00.000Z");
    expect(secretExpiryDate("")).toBeNull();
    const parse = (secretExpiresOn: string) => setSecretExpiryInput.safeParse({ id: "c", secretExpiresOn });
    expect(parse("2027-03-31").success).toBe(true);
    expect(parse("").success).toBe(true);
    for (const wrong of ["2027-02-31", "31/03/2027", "2027-3-31", "1999-12-31", "2300-01-01", "soon"])
      expect(parse(wrong).success, wrong).toBe(false);
  });
});
