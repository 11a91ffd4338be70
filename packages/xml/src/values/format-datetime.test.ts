import {
  E_INVALIDARG,
  type WS_DATETIME,
  type WS_DATETIME_FORMAT,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_E_INVALID_FORMAT,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { checkDateTime, formatDateTime, type LocalOffset, MAX_DATETIME_TICKS, systemLocalOffset } from "./format-datetime.js";
import { thrownBy } from "./values.test-support.js";

const pacificStandard: LocalOffset = () => -480;
const centralStandard: LocalOffset = () => -360;
const dt = (ticks: bigint, format: number): WS_DATETIME => ({ ticks, format: format as WS_DATETIME_FORMAT });
const text = (ticks: bigint, format: number, offset: LocalOffset = pacificStandard) =>
  formatDateTime("WsWriteText", dt(ticks, format), offset);

// The Wine conformance tests (test_datetime) ran on Windows in Pacific time (-08:00); their
// second set of results is Windows 7 in a -06:00 zone.

describe("formatDateTime", () => {
  it("writes the three formats as Windows does", () => {
    const windows: [bigint, number, string][] = [
      [0n, WS_DATETIME_FORMAT_UTC, "0001-01-01T00:00:00Z"],
      [0n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T00:00:00+00:00"],
      [0n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:00"],
      [1n, WS_DATETIME_FORMAT_UTC, "0001-01-01T00:00:00.0000001Z"],
      [1n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T00:00:00.0000001+00:00"],
      [1n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:00.0000001"],
      [10n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:00.000001"],
      [1000000n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:00.1"],
      [0x23c34600n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T00:01:00+00:00"],
      [0x861c46800n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T01:00:00+00:00"],
      [0x430e234000n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T08:00:00+00:00"],
      [0x4b6fe7a800n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T09:00:00+00:00"],
      [0x989680n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:01"],
      [0x23c34600n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:01:00"],
      [0x861c46800n, WS_DATETIME_FORMAT_NONE, "0001-01-01T01:00:00"],
      [0xc92a69c000n, WS_DATETIME_FORMAT_NONE, "0001-01-02T00:00:00"],
      [0x11ed178c6c000n, WS_DATETIME_FORMAT_NONE, "0002-01-01T00:00:00"],
      [0x2bca2875f4373fffn, WS_DATETIME_FORMAT_UTC, "9999-12-31T23:59:59.9999999Z"],
      [0x2bca2875f4373fffn, WS_DATETIME_FORMAT_LOCAL, "9999-12-31T15:59:59.9999999-08:00"],
      [0x2bca2875f4373fffn, WS_DATETIME_FORMAT_NONE, "9999-12-31T23:59:59.9999999"],
      [0x8d3123e7df74000n, WS_DATETIME_FORMAT_LOCAL, "2015-12-31T16:00:00-08:00"],
      [0x701ce1722770000n, WS_DATETIME_FORMAT_LOCAL, "1601-01-01T00:00:00+00:00"],
      [0x701ce5a309a4000n, WS_DATETIME_FORMAT_LOCAL, "1601-01-01T00:00:00-08:00"],
      [0x701ce5e617c7400n, WS_DATETIME_FORMAT_LOCAL, "1601-01-01T00:30:00-08:00"],
      [0x701ce51ced5d800n, WS_DATETIME_FORMAT_LOCAL, "1601-01-01T07:00:00+00:00"],
      [0x38a080649c000n, WS_DATETIME_FORMAT_UTC, "0004-02-28T00:00:00Z"],
      [0x38ad130b38000n, WS_DATETIME_FORMAT_UTC, "0004-02-29T00:00:00Z"],
      [0x8c1505f0e438000n, WS_DATETIME_FORMAT_UTC, "2000-02-29T00:00:00Z"],
      [0x8d46035e7870000n, WS_DATETIME_FORMAT_UTC, "2017-03-01T00:00:00Z"],
    ];
    for (const [ticks, format, result] of windows) expect(text(ticks, format), `0x${ticks.toString(16)}`).toBe(result);
  });

  it("converts to the local zone of the date, as Windows 7 did at -06:00", () => {
    expect(text(0x8d3123e7df74000n, WS_DATETIME_FORMAT_LOCAL, centralStandard)).toBe("2015-12-31T18:00:00-06:00");
    expect(text(0x701ce5a309a4000n, WS_DATETIME_FORMAT_LOCAL, centralStandard)).toBe("1601-01-01T02:00:00-06:00");
    expect(text(0x701ce5e617c7400n, WS_DATETIME_FORMAT_LOCAL, centralStandard)).toBe("1601-01-01T02:30:00-06:00");
    expect(text(0x701ce51ced5d800n, WS_DATETIME_FORMAT_LOCAL, centralStandard)).toBe("1601-01-01T01:00:00-06:00");
  });

  it("applies daylight saving time for the date (the WS_DATETIME_FORMAT_LOCAL example)", () => {
    // "September 27, 2007 at 10:30AM in the Pacific timezone would be represented as 2007-09-27T10:30:00-07:00"
    const pacific: LocalOffset = (ms) => (new Date(ms).getUTCMonth() >= 3 && new Date(ms).getUTCMonth() <= 9 ? -420 : -480);
    const ticks = 621355968000000000n + BigInt(Date.UTC(2007, 8, 27, 17, 30)) * 10000n;
    expect(text(ticks, WS_DATETIME_FORMAT_LOCAL, pacific)).toBe("2007-09-27T10:30:00-07:00");
    expect(text(ticks, WS_DATETIME_FORMAT_UTC, pacific)).toBe("2007-09-27T17:30:00Z");
  });

  it("writes offsets east of UTC with a plus sign and minutes", () => {
    const india: LocalOffset = () => 330;
    expect(text(0x8d3123e7df74000n, WS_DATETIME_FORMAT_LOCAL, india)).toBe("2016-01-01T05:30:00+05:30");
    expect(text(0x8d3123e7df74000n, WS_DATETIME_FORMAT_LOCAL, () => 0)).toBe("2016-01-01T00:00:00+00:00");
    // a local time after 9999-12-31 cannot be written: the UTC time with +00:00, as before 1601
    expect(text(MAX_DATETIME_TICKS, WS_DATETIME_FORMAT_LOCAL, india)).toBe("9999-12-31T23:59:59.9999999+00:00");
  });

  it("refuses ticks past 9999-12-31 and formats outside the enumeration (Windows: WS_E_INVALID_FORMAT)", () => {
    for (const format of [WS_DATETIME_FORMAT_UTC, WS_DATETIME_FORMAT_LOCAL, WS_DATETIME_FORMAT_NONE]) {
      expect(thrownBy(() => text(0x2bca2875f4374000n, format))).toEqual({
        hr: WS_E_INVALID_FORMAT,
        message:
          "WsWriteText: the WS_DATETIME of 3155378976000000000 ticks is after 9999-12-31T23:59:59.9999999, the last one that can be written (3155378975999999999).",
      });
    }
    expect(thrownBy(() => text(0n, WS_DATETIME_FORMAT_NONE + 1))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: "WsWriteText: 3 is not a WS_DATETIME_FORMAT (UTC 0, LOCAL 1, NONE 2).",
    });
  });

  it("agrees with JavaScript's proleptic Gregorian calendar from year 1 to 9999", () => {
    const TICKS_AT_1970 = 621355968000000000n;
    for (let day = 0; day < 3_652_059; day += 997) {
      const ticks = BigInt(day) * 864_000_000_000n + 12_345_678_901n;
      const date = new Date(Number((ticks - TICKS_AT_1970) / 10_000n));
      const iso = date.toISOString(); // years 1 to 9999 have four digits and no sign
      expect(text(ticks, WS_DATETIME_FORMAT_NONE), iso).toBe(`${iso.slice(0, 19)}.5678901`);
    }
  });

  it("reads the process's zone by default", () => {
    const ticks = 0x8d3123e7df74000n; // 2016-01-01T00:00:00Z
    const offset = -new Date(Date.UTC(2016, 0, 1)).getTimezoneOffset();
    expect(systemLocalOffset(Date.UTC(2016, 0, 1))).toBe(offset);
    const sign = offset < 0 ? "-" : "+";
    const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
    const local = new Date(Date.UTC(2016, 0, 1) + offset * 60000).toISOString().slice(0, 19);
    expect(formatDateTime("f", dt(ticks, WS_DATETIME_FORMAT_LOCAL))).toBe(local + zone);
  });
});

describe("checkDateTime", () => {
  it("refuses ticks that are not an unsigned 64-bit bigint, and formats that are not numbers (E_INVALIDARG)", () => {
    expect(thrownBy(() => checkDateTime("f", "v", { ticks: 1, format: 0 }))).toEqual({
      hr: E_INVALIDARG,
      message: "f: v.ticks must be a bigint in the unsigned 64-bit range, not number 1.",
    });
    expect(thrownBy(() => checkDateTime("f", "v", { ticks: -1n, format: 0 }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => checkDateTime("f", "v", { ticks: 1n << 64n, format: 0 }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => checkDateTime("f", "v", { ticks: 0n, format: "UTC" }))).toEqual({
      hr: E_INVALIDARG,
      message: 'f: v.format must be a WS_DATETIME_FORMAT, not "UTC".',
    });
    expect(checkDateTime("f", "v", { ticks: 2n ** 64n - 1n, format: 7 })).toEqual({ ticks: 2n ** 64n - 1n, format: 7 });
  });
});
