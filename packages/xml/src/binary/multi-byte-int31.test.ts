import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { encodeMultiByteInt31, MULTI_BYTE_INT31_MAX, multiByteInt31Size, readMultiByteInt31 } from "./multi-byte-int31.js";

const bytes = (...values: number[]) => Uint8Array.from(values);

function invalidFormatAt(fn: () => unknown, offset: number): WsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WsError);
    const wsError = error as WsError;
    expect(wsError.hr).toBe(WS_E_INVALID_FORMAT);
    expect(wsError.message).toContain(`at byte ${offset}`);
    return wsError;
  }
  throw new Error("expected a WsError");
}

describe("MultiByteInt31: the examples of [MC-NBFX] 2.1.2", () => {
  // [value, encoding, section]. 2.1.2.4 labels its example "decimal 268435456" but its bytes
  // 0x80 0x80 0x80 0x01 are 2^21 = 2097152 (the smallest 4-byte value); 268435456 is the 5-byte example.
  const examples: Array<[number, number[], string]> = [
    [17, [0x11], "2.1.2.1 (1 byte)"],
    [145, [0x91, 0x01], "2.1.2.2 (2 bytes)"],
    [5521, [0x91, 0x2b], "2.1.2.2 (2 bytes)"],
    [16384, [0x80, 0x80, 0x01], "2.1.2.3 (3 bytes)"],
    [2097152, [0x80, 0x80, 0x80, 0x01], "2.1.2.4 (4 bytes; the document's label says 268435456)"],
    [268435456, [0x80, 0x80, 0x80, 0x80, 0x01], "2.1.2.5 (5 bytes)"],
  ];
  for (const [value, encoding, section] of examples) {
    it(`${value} <-> ${encoding.map((b) => b.toString(16).padStart(2, "0")).join(" ")} (${section})`, () => {
      expect(encodeMultiByteInt31(value)).toEqual(bytes(...encoding));
      expect(readMultiByteInt31(bytes(...encoding), 0)).toEqual({ value, next: encoding.length });
      expect(multiByteInt31Size(value)).toBe(encoding.length);
    });
  }
});

describe("MultiByteInt31: the edges of each size (table of 2.1.2)", () => {
  const edges: Array<[number, number[]]> = [
    [0, [0x00]],
    [0x7f, [0x7f]],
    [0x80, [0x80, 0x01]],
    [0x3fff, [0xff, 0x7f]],
    [0x4000, [0x80, 0x80, 0x01]],
    [0x1fffff, [0xff, 0xff, 0x7f]],
    [0x200000, [0x80, 0x80, 0x80, 0x01]],
    [0x0fffffff, [0xff, 0xff, 0xff, 0x7f]],
    [0x10000000, [0x80, 0x80, 0x80, 0x80, 0x01]],
    [MULTI_BYTE_INT31_MAX, [0xff, 0xff, 0xff, 0xff, 0x07]],
  ];
  for (const [value, encoding] of edges) {
    it(`0x${value.toString(16)} both ways`, () => {
      expect(encodeMultiByteInt31(value)).toEqual(bytes(...encoding));
      expect(readMultiByteInt31(bytes(...encoding), 0).value).toBe(value);
    });
  }

  it("reads at an offset and stops after the last byte", () => {
    expect(readMultiByteInt31(bytes(0xaa, 0x80, 0x01, 0x55), 1)).toEqual({ value: 128, next: 3 });
  });

  it("accepts a longer-than-necessary form, which still has one meaning", () => {
    expect(readMultiByteInt31(bytes(0x80, 0x00), 0)).toEqual({ value: 0, next: 2 });
  });

  it("refuses to encode values outside 0..2^31-1", () => {
    expect(() => encodeMultiByteInt31(-1)).toThrow(RangeError);
    expect(() => encodeMultiByteInt31(2 ** 31)).toThrow(RangeError);
    expect(() => encodeMultiByteInt31(1.5)).toThrow(RangeError);
  });
});

describe("MultiByteInt31: malformed input is WS_E_INVALID_FORMAT with the offset", () => {
  it("a fifth byte with bits above the 31-bit range", () => {
    // 0x08 in the fifth byte would be bit 31.
    const error = invalidFormatAt(() => readMultiByteInt31(bytes(0xff, 0xff, 0xff, 0xff, 0x08), 0), 4);
    expect(error.message).toContain("larger than 2^31-1");
    invalidFormatAt(() => readMultiByteInt31(bytes(0x80, 0x80, 0x80, 0x80, 0x7f), 0), 4);
  });

  it("a sixth byte (continuation bit set on the fifth)", () => {
    const error = invalidFormatAt(() => readMultiByteInt31(bytes(0x80, 0x80, 0x80, 0x80, 0x81, 0x01), 0), 4);
    expect(error.message).toContain("sixth byte");
  });

  it("a buffer that ends while the continuation bit asks for more", () => {
    invalidFormatAt(() => readMultiByteInt31(bytes(), 0), 0);
    invalidFormatAt(() => readMultiByteInt31(bytes(0x80), 0), 1);
    invalidFormatAt(() => readMultiByteInt31(bytes(0xff, 0xff, 0xff, 0xff), 0), 4);
    // `end` bounds the read even when the array goes on.
    invalidFormatAt(() => readMultiByteInt31(bytes(0x01, 0x80, 0x01), 1, 2), 2);
  });
});
