import {
  ref,
  S_OK,
  WS_BOOL_VALUE_TYPE,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_DATETIME_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
  WS_DURATION_VALUE_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_NUMERIC_OVERFLOW,
  WS_FLOAT_VALUE_TYPE,
  WS_GUID_VALUE_TYPE,
  WS_INT8_VALUE_TYPE,
  WS_INT16_VALUE_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_INT64_VALUE_TYPE,
  WS_TIMESPAN_VALUE_TYPE,
  WS_UINT8_VALUE_TYPE,
  WS_UINT16_VALUE_TYPE,
  WS_UINT32_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_VALUE_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsReadEndElement, WsReadValue } from "../index.js";
import { firstString, inContent, newError, newReader, onElement, readerOn, where } from "./reader.test-support.js";

const E = WS_E_INVALID_FORMAT;
const OVERFLOW = WS_E_NUMERIC_OVERFLOW;

/** WsReadValue on the content of <t>; `value` stays "untouched" when the call fails. */
function read(content: string, type: number): { hr: number; value: unknown } {
  const reader = inContent(`<t>${content}</t>`);
  const value = ref<unknown>("untouched");
  const hr = WsReadValue(reader, type as WS_VALUE_TYPE, value);
  return { hr, value: value.value };
}

const ok = (value: unknown) => ({ hr: S_OK, value });
const fails = (hr: number) => ({ hr, value: "untouched" });

describe("WsReadValue: integers", () => {
  it.each([
    // The conformance facts of Windows (Wine's tests of WsReadType) first, then the boundaries.
    ["-128", WS_INT8_VALUE_TYPE, ok(-128)],
    ["-0", WS_INT8_VALUE_TYPE, ok(0)],
    ["-129", WS_INT8_VALUE_TYPE, fails(OVERFLOW)],
    ["128", WS_INT8_VALUE_TYPE, fails(OVERFLOW)],
    [" ", WS_INT8_VALUE_TYPE, fails(E)],
    ["", WS_INT8_VALUE_TYPE, fails(E)],
    ["-", WS_INT8_VALUE_TYPE, fails(E)],
    ["2147483648", WS_INT8_VALUE_TYPE, fails(E)],
    ["-32768", WS_INT16_VALUE_TYPE, ok(-32768)],
    ["32767", WS_INT16_VALUE_TYPE, ok(32767)],
    ["-32769", WS_INT16_VALUE_TYPE, fails(OVERFLOW)],
    ["-2147483648", WS_INT32_VALUE_TYPE, ok(-2147483648)],
    ["2147483647", WS_INT32_VALUE_TYPE, ok(2147483647)],
    ["+2147483647", WS_INT32_VALUE_TYPE, ok(2147483647)],
    ["  007 \n", WS_INT32_VALUE_TYPE, ok(7)],
    ["-2147483649", WS_INT32_VALUE_TYPE, fails(E)],
    ["2147483648", WS_INT32_VALUE_TYPE, fails(E)],
    ["1 2", WS_INT32_VALUE_TYPE, fails(E)],
    ["1.0", WS_INT32_VALUE_TYPE, fails(E)],
    ["0x10", WS_INT32_VALUE_TYPE, fails(E)],
    ["--1", WS_INT32_VALUE_TYPE, fails(E)],
    ["-9223372036854775808", WS_INT64_VALUE_TYPE, ok(-9223372036854775808n)],
    ["9223372036854775807", WS_INT64_VALUE_TYPE, ok(9223372036854775807n)],
    ["-9223372036854775809", WS_INT64_VALUE_TYPE, fails(E)],
    [`${"0".repeat(100)}42`, WS_INT64_VALUE_TYPE, ok(42n)],
    ["255", WS_UINT8_VALUE_TYPE, ok(255)],
    [" 255 ", WS_UINT8_VALUE_TYPE, ok(255)],
    ["+255", WS_UINT8_VALUE_TYPE, fails(E)],
    ["-255", WS_UINT8_VALUE_TYPE, fails(OVERFLOW)],
    ["-0", WS_UINT8_VALUE_TYPE, ok(0)],
    ["0xff", WS_UINT8_VALUE_TYPE, fails(E)],
    ["256", WS_UINT8_VALUE_TYPE, fails(OVERFLOW)],
    ["65535", WS_UINT16_VALUE_TYPE, ok(65535)],
    ["65536", WS_UINT16_VALUE_TYPE, fails(OVERFLOW)],
    ["4294967295", WS_UINT32_VALUE_TYPE, ok(4294967295)],
    ["4294967296", WS_UINT32_VALUE_TYPE, fails(OVERFLOW)],
    ["18446744073709551616", WS_UINT32_VALUE_TYPE, fails(E)],
    ["18446744073709551615", WS_UINT64_VALUE_TYPE, ok(18446744073709551615n)],
    ["18446744073709551616", WS_UINT64_VALUE_TYPE, fails(E)],
    ["-1", WS_UINT64_VALUE_TYPE, fails(OVERFLOW)],
  ])("%j as value type %i", (content, type, expected) => {
    expect(read(content, type)).toStrictEqual(expected);
  });

  it('gives 0, not -0, for "-0"', () => {
    expect(Object.is(read("-0", WS_INT32_VALUE_TYPE).value, 0)).toBe(true);
  });
});

describe("WsReadValue: bool", () => {
  it.each([
    ["true", ok(true)],
    ["false", ok(false)],
    ["1", ok(true)],
    ["0", ok(false)],
    [" true\t", ok(true)],
    ["FALSE", fails(E)],
    ["True", fails(E)],
    ["2", fails(E)],
    ["", fails(E)],
  ])("%j", (content, expected) => {
    expect(read(content, WS_BOOL_VALUE_TYPE)).toStrictEqual(expected);
  });
});

/** The bits of a double, to tell -0 from 0 and see the exact value. */
const bits64 = (v: unknown) => new BigUint64Array(new Float64Array([v as number]).buffer)[0]!;
const bits32 = (v: unknown) => new Uint32Array(new Float32Array([v as number]).buffer)[0]!;

describe("WsReadValue: double", () => {
  it.each([
    // Windows' results recorded by Wine's conformance tests, bit for bit.
    ["0.0", 0n],
    ["-0.0", 0x8000000000000000n],
    ["-0", 0x8000000000000000n],
    ["+0.0", 0n],
    ["-", 0n],
    ["-.", 0n],
    ["+", 0n],
    [".", 0n],
    [".0", 0n],
    ["0.", 0n],
    [" 0 ", 0n],
    ["1", 0x3ff0000000000000n],
    ["1.0000000000000002", 0x3ff0000000000001n],
    ["10000000000000000000", 0x43e158e460913d00n],
    ["-2", 0xc000000000000000n],
    ["INF", 0x7ff0000000000000n],
    ["-INF", 0xfff0000000000000n],
    ["0.3333333333333333", 0x3fd5555555555555n],
    ["0.1e10", 0x41cdcd6500000000n],
    ["1e+1", 0x4024000000000000n],
    ["1e-1", 0x3fb999999999999an],
    ["1E10", 0x4202a05f20000000n],
    ["1E+15", 0x430c6bf526340000n],
    ["1.7976931348623158e308", 0x7fefffffffffffffn],
    ["1.7976931348623159e308", 0x7ff0000000000000n],
    ["4.94065645841247e-324", 1n],
  ])("%j", (content, expected) => {
    const { hr, value } = read(content, WS_DOUBLE_VALUE_TYPE);
    expect(hr).toBe(S_OK);
    expect(bits64(value)).toBe(expected);
  });

  it("reads NaN", () => {
    const { hr, value } = read("NaN", WS_DOUBLE_VALUE_TYPE);
    expect(hr).toBe(S_OK);
    expect(Number.isNaN(value)).toBe(true);
  });

  it.each(["", "0,1", "1.1.", "nodouble", "+INF", "Infinity", "-Infinity", "inf", "-NaN", "NAN", "1e", "e10", "1e10.", ".e1", "1 e1"])(
    "refuses %j",
    (content) => {
      expect(read(content, WS_DOUBLE_VALUE_TYPE)).toStrictEqual(fails(E));
    },
  );
});

describe("WsReadValue: float", () => {
  it.each([
    ["-0.0", 0x80000000],
    ["1", 0x3f800000],
    ["1.0000001", 0x3f800001],
    ["100000000000000000000", 0x60ad78ec],
    ["0.33333333", 0x3eaaaaab],
    ["1e-1", 0x3dcccccd],
    ["3.4028235e38", 0x7f7fffff],
    ["3.4028236e38", 0x7f800000],
    ["1.1754942e-38", 0x007fffff],
    ["1.1754943e-38", 0x00800000],
    ["-INF", 0xff800000],
  ])("%j", (content, expected) => {
    const { hr, value } = read(content, WS_FLOAT_VALUE_TYPE);
    expect(hr).toBe(S_OK);
    expect(bits32(value)).toBe(expected);
  });

  it('refuses "nofloat"', () => {
    expect(read("nofloat", WS_FLOAT_VALUE_TYPE)).toStrictEqual(fails(E));
  });
});

describe("WsReadValue: decimal", () => {
  const dec = (sign: number, scale: number, mantissa: bigint) =>
    ok({ scale, sign, Hi32: Number(mantissa >> 64n), Lo64: mantissa & (2n ** 64n - 1n) });
  it.each([
    ["0", dec(0, 0, 0n)],
    ["1.50", dec(0, 2, 150n)],
    ["-1.5", dec(0x80, 1, 15n)],
    ["+12", dec(0, 0, 12n)],
    ["-0", dec(0x80, 0, 0n)],
    ["0.0000000000000000000000000001", dec(0, 28, 1n)],
    ["79228162514264337593543950335", dec(0, 0, 2n ** 96n - 1n)],
    ["7922816251426433759354395033.5", dec(0, 1, 2n ** 96n - 1n)],
    ["79228162514264337593543950335.000", dec(0, 0, 2n ** 96n - 1n)],
    ["1.00000000000000000000000000000000", dec(0, 28, 10n ** 28n)],
    [" 5 ", dec(0, 0, 5n)],
  ])("%j", (content, expected) => {
    expect(read(content, WS_DECIMAL_VALUE_TYPE)).toStrictEqual(expected);
  });

  it.each(["", ".5", "5.", "1e3", "79228162514264337593543950336", "0.00000000000000000000000000001", "1,5", "NaN"])(
    "refuses %j",
    (content) => {
      expect(read(content, WS_DECIMAL_VALUE_TYPE)).toStrictEqual(fails(E));
    },
  );
});

describe("WsReadValue: datetime", () => {
  const utc = (ticks: bigint) => ok({ ticks, format: WS_DATETIME_FORMAT_UTC });
  const local = (ticks: bigint) => ok({ ticks, format: WS_DATETIME_FORMAT_LOCAL });
  it.each([
    // Windows' results recorded by Wine's conformance tests.
    ["0001-01-01T00:00:00Z", utc(0n)],
    ["0001-01-01T00:00:00.0Z", utc(0n)],
    ["0001-01-01T00:00:00.1Z", utc(1000000n)],
    ["0001-01-01T00:00:00.01Z", utc(100000n)],
    ["0001-01-01T00:00:00.0000001Z", utc(1n)],
    ["0001-01-01T00:00:00.9999999Z", utc(9999999n)],
    ["0001-12-01T00:00:00Z", utc(288576000000000n)],
    ["2001-01-31T00:00:00Z", utc(631164960000000000n)],
    ["2000-02-29T00:00:00Z", utc(630873792000000000n)],
    ["0001-01-01T24:00:00Z", utc(864000000000n)],
    ["0001-01-01T00:00:00-00:01", local(600000000n)],
    ["9999-12-31T24:00:00+00:01", local(3155378975400000000n)],
    ["0002-01-01T00:00:00+13:59", local(314856600000000n)],
    ["2016-01-01T00:00:00-01:00", local(635872068000000000n)],
    [" 2016-01-02T03:04:05Z ", utc(635873006450000000n)],
    ["1601-01-01T00:00:00Z", utc(504911232000000000n)],
    // Before 1601 (FILETIME's epoch), leap days, the last tick, no zone.
    ["1600-12-31T23:59:59.9999999Z", utc(504911231999999999n)],
    ["0400-02-29T00:00:00Z", utc(125962560000000000n)],
    ["2004-02-29T12:30:00+05:30", local(632136348000000000n)],
    ["9999-12-31T23:59:59.9999999Z", utc(3155378975999999999n)],
    ["1999-12-31T23:59:59.5", ok({ ticks: 630822815995000000n, format: WS_DATETIME_FORMAT_NONE })],
  ])("%j", (content, expected) => {
    expect(read(content, WS_DATETIME_VALUE_TYPE)).toStrictEqual(expected);
  });

  it.each([
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00.Z",
    "0001-01-01T00:00:00.00000001Z",
    "0001-01-01T00:00:00Z-",
    "-0001-01-01T00:00:00Z",
    "0001-00-01T00:00:00Z",
    "0001-13-01T00:00:00Z",
    "0001-01-00T00:00:00Z",
    "2001-01-32T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2001-02-29T00:00:00Z",
    "2100-02-29T00:00:00Z",
    "0001-00-01U00:00:00Z",
    "0001-01-01T24:00:01Z",
    "0001-01-01T24:00:00.1Z",
    "0001-01-01T00:60:00Z",
    "0001-01-01T00:00:60Z",
    "0001-01-01T00:00:00Y",
    "0001-01-01T00:00:00+00:01",
    "9999-12-31T24:00:00-00:01",
    "9999-12-31T24:00:00Z",
    "0002-01-01T00:00:00+14:01",
    "0002-01-01T00:00:00+15:00",
    "0002-01-01T00:00:00+13:60",
    "+2016-01-01T00:00:00Z",
    "",
    "01-01-01T00:00:00Z",
    "2016-01-01t00:00:00z",
  ])("refuses %j", (content) => {
    expect(read(content, WS_DATETIME_VALUE_TYPE)).toStrictEqual(fails(E));
  });
});

describe("WsReadValue: timespan, guid, duration", () => {
  it.each([
    ["00:00:00", 0n],
    ["01:02:03", 37230000000n],
    ["-01:02:03.5", -37235000000n],
    ["+1.00:00:00.0000001", 864000000001n],
    ["10675199.02:48:05.4775807", 9223372036854775807n],
    ["-10675199.02:48:05.4775808", -9223372036854775808n],
  ])("timespan %j", (content, ticks) => {
    expect(read(content, WS_TIMESPAN_VALUE_TYPE)).toStrictEqual(ok({ ticks }));
  });

  it.each(["", "1:02:03", "24:00:00", "00:60:00", "00:00:60", "00:00:00.12345678", "10675199.02:48:05.4775808", "1.", "P1D"])(
    "timespan refuses %j",
    (content) => {
      expect(read(content, WS_TIMESPAN_VALUE_TYPE)).toStrictEqual(fails(E));
    },
  );

  it.each([
    [" 00000000-0000-0000-0000-000000000000 ", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ["00000000-0000-0000-0000-0000000000A1", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1]],
    // Data1, Data2 and Data3 are little-endian in memory.
    [
      "01234567-89ab-cdef-0123-456789ABCDEF",
      [0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef],
    ],
  ])("guid %j", (content, bytes) => {
    expect(read(content, WS_GUID_VALUE_TYPE)).toStrictEqual(ok(Uint8Array.from(bytes)));
  });

  it.each([
    "{00000000-0000-0000-0000-000000000000}",
    "00000000000000000000000000000000",
    "0000000-00000-0000-0000-000000000000",
    "g0000000-0000-0000-0000-000000000000",
    "",
  ])("guid refuses %j", (content) => {
    expect(read(content, WS_GUID_VALUE_TYPE)).toStrictEqual(fails(E));
  });

  const duration = (fields: Partial<Record<string, number | boolean>>) =>
    ok({ negative: false, years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0, milliseconds: 0, ticks: 0, ...fields });
  it.each([
    ["P1Y2M3DT4H5M6.7890123S", duration({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 789, ticks: 123 })],
    ["-PT0S", duration({ negative: true })],
    ["PT1M", duration({ minutes: 1 })],
    ["P1M", duration({ months: 1 })],
    ["+P4294967295D", duration({ days: 4294967295 })],
    ["PT0.5S", duration({ milliseconds: 500 })],
  ])("duration %j", (content, expected) => {
    expect(read(content, WS_DURATION_VALUE_TYPE)).toStrictEqual(expected);
  });

  it.each([
    ["P", E],
    ["PT", E],
    ["P1DT", E],
    ["1D", E],
    ["P1S", E],
    ["PT1.S", E],
    ["PT0.12345678S", E],
    ["P-1D", E],
    ["P4294967296D", OVERFLOW],
    ["P18446744073709551616D", E],
  ])("duration refuses %j", (content, hr) => {
    expect(read(content, WS_DURATION_VALUE_TYPE)).toStrictEqual(fails(hr));
  });
});

describe("WsReadValue: reading the content", () => {
  it("merges text, CDATA and text around comments, and stops on the end element", () => {
    const reader = inContent("<t> 1<!-- c -->2<![CDATA[3]]>4 </t>");
    const value = ref<unknown>(null);
    expect(WsReadValue(reader, WS_INT32_VALUE_TYPE, value)).toBe(S_OK);
    expect(value.value).toBe(1234);
    expect(where(reader)).toBe("end");
    expect(WsReadEndElement(reader)).toBe(S_OK);
    expect(where(reader)).toBe("eof");
  });

  it("stops at a child element and reads nothing more", () => {
    const reader = inContent("<t>12<u/>3</t>");
    const value = ref<unknown>(null);
    expect(WsReadValue(reader, WS_INT32_VALUE_TYPE, value)).toBe(S_OK);
    expect(value.value).toBe(12);
    expect(where(reader)).toBe("element");
  });

  it("finds no value on an element or at BOF (Windows: WS_E_INVALID_FORMAT), and leaves the reader there", () => {
    const value = ref<unknown>("untouched");
    const onT = onElement("<t>1</t>");
    expect(WsReadValue(onT, WS_UINT32_VALUE_TYPE, value)).toBe(E);
    expect(where(onT)).toBe("element");
    const atBof = readerOn("<t>1</t>");
    expect(WsReadValue(atBof, WS_UINT32_VALUE_TYPE, value)).toBe(E);
    expect(where(atBof)).toBe("bof");
    expect(value.value).toBe("untouched");
  });

  it("names the function and the text in the error", () => {
    const error = newError();
    expect(WsReadValue(inContent("<t>12x</t>"), WS_INT32_VALUE_TYPE, ref<unknown>(null), error)).toBe(E);
    expect(firstString(error)).toBe('WsReadValue: "12x" is not an int32: sign? digits were expected (the reader is at line 1, column 11).');
    expect(WsReadValue(inContent("<t>300</t>"), WS_UINT8_VALUE_TYPE, ref<unknown>(null), error)).toBe(OVERFLOW);
    expect(firstString(error)).toBe('WsReadValue: "300" is outside the range of a uint8 (0 to 255) (the reader is at line 1, column 11).');
  });

  it("needs input", () => {
    expect(WsReadValue(newReader(), WS_INT32_VALUE_TYPE, ref<unknown>(null))).toBe(WS_E_INVALID_OPERATION);
  });
});
