import { describe, expect, it } from "vitest";
import { isNameChar, isNameStartChar, isNcName, isNcNameChar, isNcNameStartChar, isXmlWhitespace, trimXmlWhitespace } from "./xml-chars.js";

/**
 * The character classes against an independent oracle: the XML 1.0 (Fifth Edition) productions
 * written out as Unicode regular expressions, checked over every code point.
 */
const NAME_START =
  ":A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}" +
  "\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;
const nameStartRe = new RegExp(`^[${NAME_START}]$`, "u");
const nameCharRe = new RegExp(`^[${NAME_CHAR}]$`, "u");
const ncNameRe = new RegExp(`^[${NAME_START.replace(":", "")}][${NAME_CHAR.replace(":", "")}]*$`, "u");

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

describe("character classes, over every code point", () => {
  it("isNameStartChar and isNameChar follow NameStartChar and NameChar", () => {
    const mismatches: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      const s = String.fromCodePoint(c);
      // A surrogate code point on its own is no character: the oracle must say no as well.
      const start = !isSurrogate(c) && nameStartRe.test(s);
      const char = !isSurrogate(c) && nameCharRe.test(s);
      if (isNameStartChar(c) !== start) mismatches.push(`isNameStartChar(U+${c.toString(16)})`);
      if (isNameChar(c) !== char) mismatches.push(`isNameChar(U+${c.toString(16)})`);
      if (isNcNameStartChar(c) !== (start && c !== 0x3a)) mismatches.push(`isNcNameStartChar(U+${c.toString(16)})`);
      if (isNcNameChar(c) !== (char && c !== 0x3a)) mismatches.push(`isNcNameChar(U+${c.toString(16)})`);
      if (mismatches.length > 10) break;
    }
    expect(mismatches).toEqual([]);
  });

  it("isXmlWhitespace is true for #x20, #x9, #xD and #xA only", () => {
    const whitespace: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) if (isXmlWhitespace(c)) whitespace.push(c);
    expect(whitespace).toEqual([0x09, 0x0a, 0x0d, 0x20]);
  });

  it("classifies the range boundaries", () => {
    expect([0xbf, 0xc0, 0xd6, 0xd7, 0xd8, 0xf6, 0xf7, 0xf8, 0x2ff].map(isNameStartChar)).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
      true,
      true,
    ]);
    expect([0x300, 0x36f, 0x370, 0x37d, 0x37e, 0x37f, 0x1fff, 0x2000].map(isNameStartChar)).toEqual([
      false,
      false,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect([0x300, 0x36f, 0x37e, 0xb7, 0x203f, 0x2040, 0x2041].map(isNameChar)).toEqual([true, true, false, true, true, true, false]);
    expect([0x3000, 0x3001, 0xd7ff, 0xd800, 0xf8ff, 0xf900, 0xfdcf, 0xfdd0, 0xfdef, 0xfdf0, 0xfffd, 0xfffe].map(isNameStartChar)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect([0xffff, 0x10000, 0xeffff, 0xf0000, 0x10ffff].map(isNameStartChar)).toEqual([false, true, true, false, false]);
  });
});

describe("isNcName", () => {
  it("agrees with the NCName oracle for every BMP character first and second", () => {
    const mismatches: string[] = [];
    for (let c = 0; c <= 0xffff && mismatches.length <= 10; c++) {
      const ch = String.fromCharCode(c);
      const alone = isSurrogate(c) ? 0 : ncNameRe.test(ch) ? -1 : 0;
      const after = isSurrogate(c) ? 1 : ncNameRe.test(`a${ch}`) ? -1 : 1;
      const before = isSurrogate(c) ? 0 : ncNameRe.test(`${ch}a`) ? -1 : 0;
      if (isNcName(ch) !== alone) mismatches.push(`isNcName(U+${c.toString(16)})`);
      if (isNcName(`a${ch}`) !== after) mismatches.push(`isNcName(a U+${c.toString(16)})`);
      if (isNcName(`${ch}a`) !== before) mismatches.push(`isNcName(U+${c.toString(16)} a)`);
    }
    expect(mismatches).toEqual([]);
  });

  it("returns the index of the first bad character, or -1", () => {
    expect(isNcName("abc")).toBe(-1);
    expect(isNcName("")).toBe(0);
    expect(isNcName("1a")).toBe(0);
    expect(isNcName("a1:b")).toBe(2);
    expect(isNcName("ab c d")).toBe(2);
    expect(isNcName("名前")).toBe(-1);
  });

  it("accepts a surrogate pair for [#x10000-#xEFFFF] first or later, and rejects any other surrogate use", () => {
    expect(isNcName("\u{10000}")).toBe(-1);
    expect(isNcName("a\u{10000}")).toBe(-1);
    expect(isNcName("\u{effff}\u{effff}")).toBe(-1);
    expect(isNcName("\u{f0000}")).toBe(0); // high surrogate #xDB80: plane 15
    expect(isNcName("a\u{10ffff}")).toBe(1);
    expect(isNcName("\ud800")).toBe(0); // unpaired high surrogate at the end
    expect(isNcName("a\ud800")).toBe(1);
    expect(isNcName("a\ud800b")).toBe(1); // high surrogate followed by a non-surrogate
    expect(isNcName("a\ud800\ud800")).toBe(1); // two high surrogates
    expect(isNcName("\udc00\ud800")).toBe(0); // low surrogate first
    expect(isNcName("ab\udc00")).toBe(2);
    expect(isNcName("\u{10000}\u{10000}\udc00")).toBe(4);
  });
});

describe("trimXmlWhitespace", () => {
  it("trims the four XML whitespace characters at both ends only", () => {
    expect(trimXmlWhitespace(" \t\r\na b\n\r\t ")).toBe("a b");
    expect(trimXmlWhitespace(" \t\r\n")).toBe("");
    expect(trimXmlWhitespace("\u00a0x\u00a0")).toBe("\u00a0x\u00a0");
  });
});
