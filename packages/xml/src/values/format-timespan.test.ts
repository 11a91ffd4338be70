import { E_INVALIDARG } from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { checkDuration, formatDuration } from "./format-duration.js";
import { checkTimeSpanTicks, formatTimeSpan } from "./format-timespan.js";
import { thrownBy } from "./values.test-support.js";

const TICKS_PER_SECOND = 10_000_000n;
const DAY = 86_400n * TICKS_PER_SECOND;

describe("formatTimeSpan ([+|-][d?.]HH:mm:ss[.fffffff])", () => {
  it("writes hours, minutes and seconds always, days when there are some", () => {
    expect(formatTimeSpan(0n)).toBe("00:00:00");
    expect(formatTimeSpan(120_000_000_000n)).toBe("03:20:00");
    expect(formatTimeSpan(DAY)).toBe("1.00:00:00");
    expect(formatTimeSpan(DAY - 1n)).toBe("23:59:59.9999999");
    expect(formatTimeSpan(3n * DAY + 3_723n * TICKS_PER_SECOND + 5_000_000n)).toBe("3.01:02:03.5");
  });

  it("writes the fraction without trailing zeros", () => {
    expect(formatTimeSpan(1n)).toBe("00:00:00.0000001");
    expect(formatTimeSpan(1_000_000n)).toBe("00:00:00.1");
    expect(formatTimeSpan(10n)).toBe("00:00:00.000001");
  });

  it("writes negative spans with a minus sign", () => {
    expect(formatTimeSpan(-3_440_000_000n)).toBe("-00:05:44");
    expect(formatTimeSpan(-1n)).toBe("-00:00:00.0000001");
    expect(formatTimeSpan(-DAY)).toBe("-1.00:00:00");
  });

  it("writes the int64 extremes ([MC-NBFX] 2.2.3.23's range)", () => {
    expect(formatTimeSpan(9223372036854775807n)).toBe("10675199.02:48:05.4775807");
    expect(formatTimeSpan(-9223372036854775808n)).toBe("-10675199.02:48:05.4775808");
  });

  it("takes only signed 64-bit ticks", () => {
    expect(thrownBy(() => checkTimeSpanTicks("f", "v.ticks", 1n << 63n))).toEqual({
      hr: E_INVALIDARG,
      message: "f: v.ticks must be a bigint in the signed 64-bit range, not bigint 9223372036854775808.",
    });
    expect(checkTimeSpanTicks("f", "v", -(1n << 63n))).toBe(-(1n << 63n));
  });
});

const zero = { negative: false, years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0, milliseconds: 0, ticks: 0 };

describe("formatDuration (xsd:duration)", () => {
  it("writes the fields that are not zero", () => {
    expect(formatDuration({ ...zero, hours: 1, minutes: 2, seconds: 3, milliseconds: 500 })).toBe("PT1H2M3.5S");
    expect(formatDuration({ ...zero, years: 1, months: 2, days: 3 })).toBe("P1Y2M3D");
    expect(formatDuration({ ...zero, years: 1, seconds: 1 })).toBe("P1YT1S");
    expect(formatDuration({ ...zero, months: 14 })).toBe("P14M");
    expect(formatDuration({ ...zero, minutes: 1 })).toBe("PT1M");
  });

  it("writes milliseconds and ticks as one fraction of a second", () => {
    expect(formatDuration({ ...zero, ticks: 1 })).toBe("PT0.0000001S");
    expect(formatDuration({ ...zero, milliseconds: 999, ticks: 9999 })).toBe("PT0.9999999S");
    expect(formatDuration({ ...zero, seconds: 59, milliseconds: 10 })).toBe("PT59.01S");
  });

  it("writes negative durations with a minus sign, and zero as PT0S", () => {
    expect(formatDuration({ ...zero, negative: true, days: 1 })).toBe("-P1D");
    expect(formatDuration(zero)).toBe("PT0S");
    expect(formatDuration({ ...zero, negative: true })).toBe("PT0S");
  });

  it("writes the largest fields", () => {
    const max = 4294967295;
    expect(
      formatDuration({
        negative: true,
        years: max,
        months: max,
        days: max,
        hours: max,
        minutes: max,
        seconds: max,
        milliseconds: 999,
        ticks: 9999,
      }),
    ).toBe("-P4294967295Y4294967295M4294967295DT4294967295H4294967295M4294967295.9999999S");
  });

  it("refuses milliseconds from 1000, ticks from 10000 and counts outside a ULONG (E_INVALIDARG)", () => {
    expect(thrownBy(() => checkDuration("f", "v", { ...zero, milliseconds: 1000 }))).toEqual({
      hr: E_INVALIDARG,
      message: "f: v.milliseconds must be an integer from 0 to 999, not number 1000.",
    });
    expect(thrownBy(() => checkDuration("f", "v", { ...zero, ticks: 10000 }))?.message).toBe(
      "f: v.ticks must be an integer from 0 to 9999, not number 10000.",
    );
    expect(thrownBy(() => checkDuration("f", "v", { ...zero, days: -1 }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => checkDuration("f", "v", { ...zero, years: 2 ** 32 }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => checkDuration("f", "v", { ...zero, negative: "yes" }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => checkDuration("f", "v", null))?.message).toBe("f: v must be a WS_DURATION, not null.");
  });
});
