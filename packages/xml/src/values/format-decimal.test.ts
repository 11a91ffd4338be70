import { E_INVALIDARG } from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { checkDecimal, formatDecimal } from "./format-decimal.js";

const dec = (Lo64: bigint, scale = 0, sign = 0, Hi32 = 0) => ({ scale, sign, Hi32, Lo64 });

describe("formatDecimal", () => {
  it("writes the documented examples", () => {
    expect(formatDecimal(dec(123n, 2))).toBe("1.23"); // WS_XML_DECIMAL_TEXT
    expect(formatDecimal(dec(5123456n, 6))).toBe("5.123456"); // [MC-NBFX] 2.2.3.11
  });

  it("writes no unnecessary zeros, and a zero before a leading point", () => {
    expect(formatDecimal(dec(1230n, 3))).toBe("1.23");
    expect(formatDecimal(dec(1000n, 3))).toBe("1");
    expect(formatDecimal(dec(100n, 0))).toBe("100");
    expect(formatDecimal(dec(5n, 3))).toBe("0.005");
    expect(formatDecimal(dec(0n, 5))).toBe("0");
    expect(formatDecimal(dec(1n, 28))).toBe("0.0000000000000000000000000001");
  });

  it("writes negative values with a minus sign, and zero without one", () => {
    expect(formatDecimal(dec(123n, 2, 0x80))).toBe("-1.23");
    expect(formatDecimal(dec(0n, 0, 0x80))).toBe("0");
  });

  it("writes the 96-bit extremes", () => {
    const max = dec(0xffffffffffffffffn, 0, 0, 0xffffffff);
    expect(formatDecimal(max)).toBe("79228162514264337593543950335");
    expect(formatDecimal({ ...max, sign: 0x80 })).toBe("-79228162514264337593543950335");
    expect(formatDecimal({ ...max, scale: 28 })).toBe("7.9228162514264337593543950335");
    expect(formatDecimal(dec(0n, 0, 0, 1))).toBe("18446744073709551616");
  });
});

describe("checkDecimal", () => {
  const fails = (value: unknown, message: string) => {
    let thrown: unknown;
    try {
      checkDecimal("WsWriteValue", "the value", value);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ hr: E_INVALIDARG, message });
  };

  it("refuses fields outside DECIMAL's ranges", () => {
    fails(dec(1n, 29), "WsWriteValue: the value.scale must be an integer from 0 to 28, not number 29.");
    fails(dec(1n, 0, 1), "WsWriteValue: the value.sign must be 0 or 0x80 (DECIMAL_NEG), not number 1.");
    fails(dec(1n, 0, 0, -1), "WsWriteValue: the value.Hi32 must be an integer from 0 to 4294967295, not number -1.");
    fails(dec(-1n), "WsWriteValue: the value.Lo64 must be a bigint in the unsigned 64-bit range, not bigint -1.");
    fails(1.5, "WsWriteValue: the value must be a DECIMAL, not number 1.5.");
  });

  it("returns a checked copy", () => {
    expect(checkDecimal("f", "v", { scale: 1, sign: 0x80, Hi32: 2, Lo64: 3n, extra: 1 })).toEqual({
      scale: 1,
      sign: 0x80,
      Hi32: 2,
      Lo64: 3n,
    });
  });
});
