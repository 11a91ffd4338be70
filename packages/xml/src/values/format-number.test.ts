import { describe, expect, it } from "vitest";
import { formatBool, formatDouble, formatFloat, formatInteger } from "./format-number.js";

// "Windows" marks what WWSAPI itself wrote in the Wine conformance tests (dlls/webservices/tests/writer.c).

describe("formatDouble", () => {
  it("writes what Windows writes", () => {
    const windows: [number, string][] = [
      [0.0, "0"],
      [1.0, "1"],
      [-1.0, "-1"],
      [Number("1.0000000000000001"), "1"],
      [1.0000000000000002, "1.0000000000000002"],
      [Number("1.0000000000000003"), "1.0000000000000002"],
      [1.0000000000000004, "1.0000000000000004"],
      [100000000000000, "100000000000000"],
      [1000000000000000, "1E+15"],
      [0.1, "0.1"],
      [0.01, "1E-2"],
      [-0.1, "-0.1"],
      [-0.01, "-1E-2"],
      [1.7976931348623157e308, "1.7976931348623157E+308"],
      [-1.7976931348623157e308, "-1.7976931348623157E+308"],
      [2.1, "2.1"],
      [1.1, "1.1"],
      [Number.NaN, "NaN"],
      [Number.POSITIVE_INFINITY, "INF"],
      [Number.NEGATIVE_INFINITY, "-INF"],
    ];
    for (const [value, text] of windows) expect(formatDouble(value), String(value)).toBe(text);
  });

  it("writes negative zero as -0 (WS_XML_DOUBLE_TEXT)", () => {
    expect(formatDouble(-0)).toBe("-0");
  });

  it("uses the fewest digits that read back as the value", () => {
    expect(formatDouble(1 / 3)).toBe("0.3333333333333333");
    expect(formatDouble(2 / 3)).toBe("0.6666666666666666");
    expect(formatDouble(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(formatDouble(123.456)).toBe("123.456");
    expect(formatDouble(Number("9007199254740993"))).toBe("9.007199254740992E+15"); // 2^53 + 1 is not a double
  });

  it("writes the plain form from the 10^14 to the 10^-1 position, E notation outside", () => {
    expect(formatDouble(123456789012345.6)).toBe("123456789012345.6");
    expect(formatDouble(999999999999999.9)).toBe("999999999999999.9");
    expect(formatDouble(1.5e15)).toBe("1.5E+15");
    expect(formatDouble(1e21)).toBe("1E+21");
    expect(formatDouble(-1.5e20)).toBe("-1.5E+20");
    expect(formatDouble(0.15)).toBe("0.15");
    expect(formatDouble(0.099)).toBe("9.9E-2");
    expect(formatDouble(1e-7)).toBe("1E-7");
    expect(formatDouble(2.5e-5)).toBe("2.5E-5");
  });

  it("writes the extremes and denormals", () => {
    expect(formatDouble(Number.MIN_VALUE)).toBe("5E-324");
    expect(formatDouble(-Number.MIN_VALUE)).toBe("-5E-324");
    expect(formatDouble(2.2250738585072014e-308)).toBe("2.2250738585072014E-308"); // the smallest normal
    expect(formatDouble(2.225073858507201e-308)).toBe("2.225073858507201E-308"); // the largest denormal
    expect(formatDouble(Number.MAX_SAFE_INTEGER)).toBe("9.007199254740991E+15");
    expect(formatDouble(Number.EPSILON)).toBe("2.220446049250313E-16");
  });

  it("writes integers of the int64 range the same way", () => {
    expect(formatDouble(Number(-9223372036854775808n))).toBe("-9.223372036854776E+18");
    expect(formatDouble(4294967295)).toBe("4294967295");
  });
});

describe("formatFloat", () => {
  it("uses the fewest digits that read back as the same float", () => {
    expect(formatFloat(Math.fround(1.1))).toBe("1.1"); // [MC-NBFX] 2.2.3.9: 0x3F8CCCCD is "1.1"
    expect(formatFloat(Math.fround(0.1))).toBe("0.1");
    expect(formatFloat(Math.fround(1 / 3))).toBe("0.33333334");
    expect(formatFloat(16777216)).toBe("16777216");
    expect(formatFloat(16777217)).toBe("16777216"); // not a float: rounded as C converts
    expect(formatFloat(Math.fround(1e15))).toBe("1E+15");
  });

  it("rounds a double to single precision first, as C does", () => {
    expect(formatFloat(0.1)).toBe("0.1");
    expect(formatFloat(3.4028235e38)).toBe("3.4028235E+38");
    expect(formatFloat(1e39)).toBe("INF");
  });

  it("writes the extremes, denormals and special values", () => {
    expect(formatFloat(3.4028234663852886e38)).toBe("3.4028235E+38"); // FLT_MAX
    expect(formatFloat(-3.4028234663852886e38)).toBe("-3.4028235E+38");
    expect(formatFloat(1.1754943508222875e-38)).toBe("1.1754944E-38"); // FLT_MIN
    expect(formatFloat(1.401298464324817e-45)).toBe("1E-45"); // the smallest denormal
    expect(formatFloat(Number.NaN)).toBe("NaN");
    expect(formatFloat(Number.POSITIVE_INFINITY)).toBe("INF");
    expect(formatFloat(Number.NEGATIVE_INFINITY)).toBe("-INF");
    expect(formatFloat(-0)).toBe("-0");
    expect(formatFloat(0)).toBe("0");
  });
});

describe("integers and booleans", () => {
  it("writes integers in base 10 (Windows)", () => {
    expect(formatInteger(-128)).toBe("-128");
    expect(formatInteger(-32768)).toBe("-32768");
    expect(formatInteger(-2147483648)).toBe("-2147483648");
    expect(formatInteger(4294967295)).toBe("4294967295");
    expect(formatInteger(-9223372036854775808n)).toBe("-9223372036854775808");
    expect(formatInteger(9223372036854775807n)).toBe("9223372036854775807");
    expect(formatInteger(18446744073709551615n)).toBe("18446744073709551615");
    expect(formatInteger(0)).toBe("0");
  });

  it("writes true and false (Windows)", () => {
    expect(formatBool(true)).toBe("true");
    expect(formatBool(false)).toBe("false");
  });
});
