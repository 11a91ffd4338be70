import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8, isUtf8 } from "../binary/text-encoding.js";

/** isUtf8 must accept exactly what the fatal decoder accepts: the binary reader's UTF-8 errors depend on it. */
describe("isUtf8", () => {
  const agrees = (bytes: Uint8Array): void => {
    expect(isUtf8(bytes, 0, bytes.length)).toBe(decodeUtf8(bytes) !== undefined);
  };

  it("accepts ASCII, 2-, 3- and 4-byte forms and the edges of the code space", () => {
    for (const text of ["", "abc", "é", "€", "😀", "\u0080", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "\u{10000}", "\u{10ffff}"]) {
      const bytes = new TextEncoder().encode(text);
      expect(isUtf8(bytes, 0, bytes.length)).toBe(true);
    }
  });

  it("refuses overlong forms, surrogates, values past U+10FFFF, stray and missing continuation bytes", () => {
    const bad = [
      [0x80],
      [0xbf],
      [0xc0, 0x80],
      [0xc1, 0xbf],
      [0xc2],
      [0xc2, 0x41],
      [0xe0, 0x80, 0x80],
      [0xe0, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80],
      [0xed, 0xbf, 0xbf],
      [0xe1, 0x80],
      [0xf0, 0x80, 0x80, 0x80],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xff],
      [0xf0, 0x9f, 0x98],
    ];
    for (const b of bad) {
      expect(isUtf8(Uint8Array.from(b), 0, b.length)).toBe(false);
      agrees(Uint8Array.from(b));
    }
  });

  it("checks only bytes[start, end)", () => {
    const bytes = Uint8Array.from([0xff, 0x41, 0xc3, 0xa9, 0xff]);
    expect(isUtf8(bytes, 1, 4)).toBe(true);
    expect(isUtf8(bytes, 1, 3)).toBe(false); // é cut in half
    expect(isUtf8(bytes, 0, 4)).toBe(false);
  });

  it("agrees with the fatal TextDecoder on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        agrees(bytes);
      }),
      { numRuns: 20_000 },
    );
    // Mostly well-formed text with a byte changed here and there.
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 8 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (text, at, byte) => {
        const bytes = new TextEncoder().encode(text);
        if (bytes.length > 0) bytes[at % bytes.length] = byte;
        agrees(bytes);
      }),
      { numRuns: 20_000 },
    );
  });
});
