import { describe, expect, it } from "vitest";
import { utf8Decode, utf8EncodeCodePoint } from "./utf8.js";

describe("utf8", () => {
  it("encodes each length boundary", () => {
    expect(utf8EncodeCodePoint(0x7f)).toEqual([0x7f]);
    expect(utf8EncodeCodePoint(0x80)).toEqual([0xc2, 0x80]);
    expect(utf8EncodeCodePoint(0x7ff)).toEqual([0xdf, 0xbf]);
    expect(utf8EncodeCodePoint(0x800)).toEqual([0xe0, 0xa0, 0x80]);
    expect(utf8EncodeCodePoint(0xffff)).toEqual([0xef, 0xbf, 0xbf]);
    expect(utf8EncodeCodePoint(0x10000)).toEqual([0xf0, 0x90, 0x80, 0x80]);
    expect(utf8EncodeCodePoint(0x10ffff)).toEqual([0xf4, 0x8f, 0xbf, 0xbf]);
  });

  it("decodes what it encodes", () => {
    for (const cp of [0, 0x41, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff]) {
      expect(utf8Decode(utf8EncodeCodePoint(cp))).toEqual({ ok: true, text: String.fromCodePoint(cp) });
    }
  });

  it("reports the first byte of a bad sequence (RFC 3629 §4)", () => {
    expect(utf8Decode([0x41, 0x80])).toEqual({ ok: false, at: 1 }); // stray continuation
    expect(utf8Decode([0xc1, 0xbf])).toEqual({ ok: false, at: 0 }); // overlong
    expect(utf8Decode([0xe0, 0x9f, 0xbf])).toEqual({ ok: false, at: 0 }); // overlong
    expect(utf8Decode([0xed, 0xa0, 0x80])).toEqual({ ok: false, at: 0 }); // surrogate
    expect(utf8Decode([0xf0, 0x8f, 0xbf, 0xbf])).toEqual({ ok: false, at: 0 }); // overlong
    expect(utf8Decode([0xf4, 0x90, 0x80, 0x80])).toEqual({ ok: false, at: 0 }); // > U+10FFFF
    expect(utf8Decode([0xf5, 0x80, 0x80, 0x80])).toEqual({ ok: false, at: 0 });
    expect(utf8Decode([0x41, 0xe2, 0x82])).toEqual({ ok: false, at: 1 }); // truncated
    expect(utf8Decode([0xe2, 0x41, 0xac])).toEqual({ ok: false, at: 0 });
  });
});
