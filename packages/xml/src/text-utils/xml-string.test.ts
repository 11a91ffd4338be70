import type { WS_XML_DICTIONARY } from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { bytesEqual, decodeUtf8, encodeUtf8, xmlString, xmlStringEquals, xmlStringToString } from "./xml-string.js";

describe("xmlString", () => {
  it("makes a WS_XML_STRING of UTF-8 bytes without dictionary information", () => {
    expect(xmlString("abc")).toEqual({ bytes: new Uint8Array([0x61, 0x62, 0x63]), dictionary: null, id: 0 });
    expect(xmlString("").bytes.length).toBe(0);
    expect([...xmlString("\u00e9").bytes]).toEqual([0xc3, 0xa9]);
    expect([...xmlString("名").bytes]).toEqual([0xe5, 0x90, 0x8d]);
    expect([...xmlString("\u{10000}").bytes]).toEqual([0xf0, 0x90, 0x80, 0x80]);
  });

  it("carries a dictionary and id when given, and ignores the id without a dictionary", () => {
    const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: [], isConst: true };
    const s = xmlString("Quantity", dictionary, 3);
    expect(s.dictionary).toBe(dictionary);
    expect(s.id).toBe(3);
    expect(xmlString("Quantity", null, 3).id).toBe(0);
  });
});

describe("UTF-8 conversion", () => {
  it("round-trips text, supplementary characters included", () => {
    for (const text of ["", "abc", "caf\u00e9", "名前", "a\u{10000}b", "\u{effff}"]) {
      expect(xmlStringToString(xmlString(text))).toBe(text);
      expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    }
  });

  it("keeps a leading U+FEFF as a character", () => {
    expect(xmlStringToString(xmlString("\ufeffabc"))).toBe("\ufeffabc");
  });

  it("encodes an unpaired surrogate as U+FFFD and decodes malformed UTF-8 to U+FFFD", () => {
    expect([...encodeUtf8("\ud800")]).toEqual([0xef, 0xbf, 0xbd]);
    expect(decodeUtf8(new Uint8Array([0x61, 0xff, 0x62]))).toBe("a\ufffdb");
  });
});

describe("bytesEqual and xmlStringEquals", () => {
  it("compares bytes", () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(xmlStringEquals(xmlString("a"), xmlString("a"))).toBe(true);
    expect(xmlStringEquals(xmlString("a"), xmlString("b"))).toBe(false);
  });
});
