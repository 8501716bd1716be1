import { describe, expect, it } from "vitest";
import { isValidRange, lastDays, monthOf, monthRange } from "@/lib/analysis/reportPeriods";

describe("report periods", () => {
  it("turns a month into [first day, first day of the next month), across a year end", () => {
    expect(monthRange("2026-02")).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(monthRange("2026-12")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
    expect([monthRange("2026-13"), monthRange("Feb")]).toEqual([null, null]);
  });

  it("reads the month and the last days in UTC, whatever the local zone", () => {
    const lateEvening = new Date("2026-03-01T01:30:00Z"); // still February in São Paulo
    expect(monthOf(lateEvening)).toBe("2026-03");
    expect(lastDays(lateEvening, 7)).toEqual({ from: "2026-02-23", to: "2026-03-02" });
  });

  it("accepts only a range whose start comes first", () => {
    expect(isValidRange({ from: "2026-02-01", to: "2026-02-02" })).toBe(true);
    expect(isValidRange({ from: "2026-02-02", to: "2026-02-02" })).toBe(false);
    expect(isValidRange({ from: "", to: "2026-02-02" })).toBe(false);
  });
});
