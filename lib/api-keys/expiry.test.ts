import { describe, expect, it } from "vitest";
import { endOfLocalDay, localDateInDays, localDateValue } from "./expiry";
import { expiryState, wholeDaysLeft } from "./expiry-state";

describe("API key expiry dates", () => {
  it("a date means through the end of that day in the local time zone", () => {
    const end = endOfLocalDay("2027-03-14")!;
    expect([end.getFullYear(), end.getMonth(), end.getDate()]).toEqual([2027, 2, 14]);
    expect([end.getHours(), end.getMinutes(), end.getSeconds(), end.getMilliseconds()]).toEqual([
      23, 59, 59, 999,
    ]);
    expect(localDateValue(end)).toBe("2027-03-14");
    expect(endOfLocalDay("2027-02-31")).toBeNull();
    expect(endOfLocalDay("tomorrow")).toBeNull();
  });

  it("today's date is still in the future until the day ends", () => {
    const noon = new Date(2027, 5, 1, 12).getTime();
    const today = localDateInDays(0, noon);
    expect(today).toBe("2027-06-01");
    expect(endOfLocalDay(today)!.getTime()).toBeGreaterThan(noon);
  });

  it("presets count calendar days and the warning counts whole days left", () => {
    const noon = new Date(2027, 5, 1, 12).getTime();
    expect(localDateInDays(30, noon)).toBe("2027-07-01");
    const inThree = endOfLocalDay(localDateInDays(3, noon))!;
    expect(wholeDaysLeft(inThree, noon)).toBe(3);
    expect(expiryState(inThree, noon)).toEqual({ tone: "warning", label: "Expires in 3 days" });
    expect(expiryState(endOfLocalDay(localDateInDays(0, noon)), noon)?.label).toBe("Expires within a day");
    expect(expiryState(endOfLocalDay(localDateInDays(30, noon)), noon)).toEqual({
      tone: "neutral",
      label: "Expires in 30 days",
    });
    expect(expiryState(new Date(noon - 1), noon)).toEqual({ tone: "danger", label: "Expired" });
  });
});
