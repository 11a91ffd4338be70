import {
  E_INVALIDARG,
  ref,
  S_FALSE,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  WS_ERROR_PROPERTY_STRING_COUNT,
  type WS_XML_DICTIONARY,
  type WS_XML_STRING,
  WsCreateError,
  WsFreeError,
  WsGetErrorProperty,
  WsGetErrorString,
} from "@wwsapi/core";
import { WsTrimXmlWhitespace, WsVerifyXmlNCName, WsXmlStringEquals } from "@wwsapi/xml";
import { afterEach, describe, expect, it } from "vitest";
import { xmlString } from "./xml-string.js";

/** These tests go through the flat API, as an application calls it. */

const errors: WS_ERROR[] = [];
afterEach(() => {
  for (const error of errors.splice(0)) if (!error.freed) WsFreeError(error);
});

function createError(): WS_ERROR {
  const out = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, out)).toBe(S_OK);
  const error = out.value;
  if (error === null) throw new Error("WsCreateError returned S_OK without setting the out parameter");
  errors.push(error);
  return error;
}

function stringCount(error: WS_ERROR): number {
  const count = ref<unknown>(undefined);
  expect(WsGetErrorProperty(error, WS_ERROR_PROPERTY_STRING_COUNT, count)).toBe(S_OK);
  return count.value as number;
}

/** The strings the failed call left on `error`, most specific first. */
function errorStrings(error: WS_ERROR): string[] {
  const strings: string[] = [];
  for (let i = 0, n = stringCount(error); i < n; i++) {
    const s = ref("");
    expect(WsGetErrorString(error, i, s)).toBe(S_OK);
    strings.push(s.value);
  }
  return strings;
}

/** A dictionary whose strings point back at it, as WS_XML_STRING_DICTIONARY_VALUE builds them. */
function makeDictionary(values: readonly string[], guidByte: number): { dictionary: WS_XML_DICTIONARY; strings: WS_XML_STRING[] } {
  const strings: WS_XML_STRING[] = [];
  const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16).fill(guidByte), strings, isConst: true };
  for (const [id, value] of values.entries()) strings.push(xmlString(value, dictionary, id));
  return { dictionary, strings };
}

describe("WsXmlStringEquals", () => {
  it("returns S_OK for the same bytes in different strings, S_FALSE for different bytes", () => {
    expect(WsXmlStringEquals(xmlString("abc"), xmlString("abc"))).toBe(S_OK);
    expect(WsXmlStringEquals(xmlString("abc"), xmlString("abd"))).toBe(S_FALSE);
    expect(WsXmlStringEquals(xmlString("abc"), xmlString("ABC"))).toBe(S_FALSE);
  });

  it("returns S_OK for one string compared with itself and for two empty strings", () => {
    const s = xmlString("localName");
    expect(WsXmlStringEquals(s, s)).toBe(S_OK);
    expect(WsXmlStringEquals(xmlString(""), xmlString(""))).toBe(S_OK);
  });

  it("returns S_FALSE for strings of different lengths, a prefix included", () => {
    expect(WsXmlStringEquals(xmlString("abc"), xmlString("abcd"))).toBe(S_FALSE);
    expect(WsXmlStringEquals(xmlString("abcd"), xmlString("abc"))).toBe(S_FALSE);
    expect(WsXmlStringEquals(xmlString(""), xmlString("a"))).toBe(S_FALSE);
  });

  it("compares bytes ordinally: non-ASCII text is equal only byte for byte, with no normalization", () => {
    expect(WsXmlStringEquals(xmlString("名前"), xmlString("名前"))).toBe(S_OK);
    expect(WsXmlStringEquals(xmlString("\u{10000}"), xmlString("\u{10000}"))).toBe(S_OK);
    // U+00E9 (2 bytes) against e + U+0301 (3 bytes): canonically equivalent, different bytes.
    expect(WsXmlStringEquals(xmlString("\u00e9"), xmlString("e\u0301"))).toBe(S_FALSE);
  });

  it("compares the bytes themselves, whatever Uint8Array views them", () => {
    const buffer = new Uint8Array([0x78, 0x61, 0x62, 0x63, 0x78]);
    const view: WS_XML_STRING = { bytes: buffer.subarray(1, 4), dictionary: null, id: 0 };
    expect(WsXmlStringEquals(view, xmlString("abc"))).toBe(S_OK);
  });

  it("ignores the id of a string without a dictionary", () => {
    const a: WS_XML_STRING = { bytes: xmlString("abc").bytes, dictionary: null, id: 1 };
    const b: WS_XML_STRING = { bytes: xmlString("abc").bytes, dictionary: null, id: 2 };
    expect(WsXmlStringEquals(a, b)).toBe(S_OK);
    const c: WS_XML_STRING = { bytes: xmlString("abd").bytes, dictionary: null, id: 1 };
    expect(WsXmlStringEquals(a, c)).toBe(S_FALSE);
  });

  describe("dictionary strings", () => {
    it("returns S_OK for the same entry of the same dictionary and S_FALSE for different entries", () => {
      const { dictionary, strings } = makeDictionary(["Quantity", "ProductName"], 1);
      const quantity = strings[0]!;
      const productName = strings[1]!;
      const quantityAgain = xmlString("Quantity", dictionary, 0);
      expect(WsXmlStringEquals(quantity, quantityAgain)).toBe(S_OK);
      expect(WsXmlStringEquals(quantity, productName)).toBe(S_FALSE);
    });

    it("treats the same dictionary and id as equal without comparing the bytes (dictionaries are assumed well-formed)", () => {
      const { dictionary } = makeDictionary(["Quantity"], 1);
      const a: WS_XML_STRING = { bytes: xmlString("Quantity").bytes, dictionary, id: 0 };
      const b: WS_XML_STRING = { bytes: xmlString("Other").bytes, dictionary, id: 0 };
      expect(WsXmlStringEquals(a, b)).toBe(S_OK);
    });

    it("compares the bytes of a dictionary string and a plain string", () => {
      const { strings } = makeDictionary(["Quantity"], 1);
      expect(WsXmlStringEquals(strings[0]!, xmlString("Quantity"))).toBe(S_OK);
      expect(WsXmlStringEquals(xmlString("Quantity"), strings[0]!)).toBe(S_OK);
      expect(WsXmlStringEquals(strings[0]!, xmlString("quantity"))).toBe(S_FALSE);
    });

    it("compares the bytes of strings from different dictionaries, whatever their ids", () => {
      const first = makeDictionary(["a", "Quantity"], 1);
      const second = makeDictionary(["Quantity", "a"], 2);
      expect(WsXmlStringEquals(first.strings[1]!, second.strings[0]!)).toBe(S_OK);
      expect(WsXmlStringEquals(first.strings[1]!, second.strings[1]!)).toBe(S_FALSE);
      // Same id in two dictionaries says nothing: the strings differ.
      expect(WsXmlStringEquals(first.strings[0]!, second.strings[0]!)).toBe(S_FALSE);
    });
  });

  it("fails with E_INVALIDARG, naming the field, when a string's bytes are not a Uint8Array", () => {
    const error = createError();
    const bad = { bytes: "abc", dictionary: null, id: 0 } as unknown as WS_XML_STRING;
    expect(WsXmlStringEquals(xmlString("abc"), bad, error)).toBe(E_INVALIDARG);
    expect(errorStrings(error)).toEqual([`WsXmlStringEquals: parameter 'string2.bytes' must be a Uint8Array, not "abc".`]);
  });

  it("fails with E_INVALIDARG for a dictionary that is not an object, or a bad id beside a dictionary", () => {
    const error = createError();
    const badDictionary = { bytes: new Uint8Array(0), dictionary: 5, id: 0 } as unknown as WS_XML_STRING;
    expect(WsXmlStringEquals(badDictionary, xmlString(""), error)).toBe(E_INVALIDARG);
    const { dictionary } = makeDictionary(["a"], 1);
    const badId: WS_XML_STRING = { bytes: new Uint8Array(0), dictionary, id: -1 };
    expect(WsXmlStringEquals(badId, xmlString(""), error)).toBe(E_INVALIDARG);
    expect(errorStrings(error)).toEqual([
      "WsXmlStringEquals: parameter 'string1.id' must be an integer from 0 to 4294967295, not number -1.",
      "WsXmlStringEquals: parameter 'string1.dictionary' must be a WS_XML_DICTIONARY or null, not number 5.",
    ]);
  });

  it("leaves the WS_ERROR empty when it succeeds", () => {
    const error = createError();
    expect(WsXmlStringEquals(xmlString("a"), xmlString("b"), error)).toBe(S_FALSE);
    expect(WsXmlStringEquals(xmlString("a"), xmlString("a"), error)).toBe(S_OK);
    expect(stringCount(error)).toBe(0);
  });
});

describe("WsVerifyXmlNCName", () => {
  it.each([
    ["a"],
    ["abc"],
    ["_"],
    ["_private"],
    ["A1"],
    ["a-b.c_d9"],
    ["Z..--"],
    ["\u00e9"], // é
    ["caf\u00e9"],
    ["\u140a"], // ᐊ CANADIAN SYLLABICS A, in [#x37F-#x1FFF]
    ["名前"], // in [#x3001-#xD7FF]
    ["\u0391\u03b2\u03b3"], // Greek
    ["\u{10000}"], // LINEAR B SYLLABLE B008 A: [#x10000-#xEFFFF], a surrogate pair
    ["a\u{1d11e}b"], // MUSICAL SYMBOL G CLEF inside a name
    ["\u{effff}"], // the last supplementary name character
    ["a\u00b7b"], // MIDDLE DOT: a NameChar, not a NameStartChar
    ["e\u0301"], // combining acute accent after the first character
    ["a\u203fb"], // UNDERTIE
    ["\u200c\u200d"], // ZWNJ and ZWJ are NameStartChars
  ])("accepts %j", (name) => {
    const error = createError();
    expect(WsVerifyXmlNCName(name, error)).toBe(S_OK);
    expect(stringCount(error)).toBe(0);
  });

  it.each([
    ["", "WsVerifyXmlNCName: the empty string is not a valid NCName; an NCName has at least one character."],
    ["1abc", `WsVerifyXmlNCName: "1abc" is not a valid NCName: the character '1' (U+0031) at index 0 cannot start a name.`],
    ["-a", `WsVerifyXmlNCName: "-a" is not a valid NCName: the character '-' (U+002D) at index 0 cannot start a name.`],
    [".a", `WsVerifyXmlNCName: ".a" is not a valid NCName: the character '.' (U+002E) at index 0 cannot start a name.`],
    ["\u00b7a", `WsVerifyXmlNCName: "·a" is not a valid NCName: the character '·' (U+00B7) at index 0 cannot start a name.`],
    ["\u0301a", `WsVerifyXmlNCName: "\u0301a" is not a valid NCName: the character '\u0301' (U+0301) at index 0 cannot start a name.`],
    ["a:b", `WsVerifyXmlNCName: "a:b" is not a valid NCName: an NCName cannot contain ':' (found at index 1).`],
    [":a", `WsVerifyXmlNCName: ":a" is not a valid NCName: an NCName cannot contain ':' (found at index 0).`],
    ["abc:", `WsVerifyXmlNCName: "abc:" is not a valid NCName: an NCName cannot contain ':' (found at index 3).`],
    ["a b", `WsVerifyXmlNCName: "a b" is not a valid NCName: the character ' ' (U+0020) at index 1 is not a name character.`],
    [" a", `WsVerifyXmlNCName: " a" is not a valid NCName: the character ' ' (U+0020) at index 0 cannot start a name.`],
    ["a\tb", `WsVerifyXmlNCName: "a\\tb" is not a valid NCName: the character U+0009 at index 1 is not a name character.`],
    ["ab\u00d7", `WsVerifyXmlNCName: "ab×" is not a valid NCName: the character '×' (U+00D7) at index 2 is not a name character.`],
    ["a\u00a0", `WsVerifyXmlNCName: "a\u00a0" is not a valid NCName: the character '\u00a0' (U+00A0) at index 1 is not a name character.`],
    ["名前!", `WsVerifyXmlNCName: "名前!" is not a valid NCName: the character '!' (U+0021) at index 2 is not a name character.`],
    ["\ud800", `WsVerifyXmlNCName: "\\ud800" is not a valid NCName: the unpaired surrogate U+D800 at index 0 is not a character.`],
    ["a\ud800b", `WsVerifyXmlNCName: "a\\ud800b" is not a valid NCName: the unpaired surrogate U+D800 at index 1 is not a character.`],
    ["a\udc00", `WsVerifyXmlNCName: "a\\udc00" is not a valid NCName: the unpaired surrogate U+DC00 at index 1 is not a character.`],
    [
      "\u{f0000}",
      `WsVerifyXmlNCName: "\u{f0000}" is not a valid NCName: the character '\u{f0000}' (U+F0000) at index 0 is outside the name characters' [#x10000-#xEFFFF].`,
    ],
    [
      "a\u{10ffff}",
      `WsVerifyXmlNCName: "a\u{10ffff}" is not a valid NCName: the character '\u{10ffff}' (U+10FFFF) at index 1 is outside the name characters' [#x10000-#xEFFFF].`,
    ],
  ])("rejects %j with WS_E_INVALID_FORMAT", (name, message) => {
    const error = createError();
    expect(WsVerifyXmlNCName(name, error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorStrings(error)).toEqual([message]);
  });

  it("counts the index in UTF-16 code units, a supplementary character taking two", () => {
    const error = createError();
    expect(WsVerifyXmlNCName("\u{10000}\u{10000}:", error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorStrings(error)).toEqual([
      `WsVerifyXmlNCName: "\u{10000}\u{10000}:" is not a valid NCName: an NCName cannot contain ':' (found at index 4).`,
    ]);
  });

  it("does not quote a long name in the message", () => {
    const error = createError();
    const name = `${"a".repeat(50)}:`;
    expect(WsVerifyXmlNCName(name, error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorStrings(error)).toEqual([
      "WsVerifyXmlNCName: a string of 51 characters is not a valid NCName: an NCName cannot contain ':' (found at index 50).",
    ]);
  });

  it("works without a WS_ERROR", () => {
    expect(WsVerifyXmlNCName("ok")).toBe(S_OK);
    expect(WsVerifyXmlNCName("not ok")).toBe(WS_E_INVALID_FORMAT);
  });
});

describe("WsTrimXmlWhitespace", () => {
  function trim(chars: string): string | null {
    const trimmed = ref<string | null>(null);
    expect(WsTrimXmlWhitespace(chars, trimmed)).toBe(S_OK);
    return trimmed.value;
  }

  it("removes leading and trailing #x20, #x9, #xD and #xA", () => {
    expect(trim("  abc  ")).toBe("abc");
    expect(trim("\t\r\n abc \n\r\t")).toBe("abc");
    expect(trim("\nabc")).toBe("abc");
    expect(trim("abc\r")).toBe("abc");
  });

  it("returns the string unchanged when it has no leading or trailing whitespace", () => {
    expect(trim("abc")).toBe("abc");
    expect(trim("x")).toBe("x");
  });

  it("keeps internal whitespace", () => {
    expect(trim("  a b\tc\r\nd \n")).toBe("a b\tc\r\nd");
  });

  it("returns the empty string for an empty or whitespace-only input", () => {
    expect(trim("")).toBe("");
    expect(trim(" ")).toBe("");
    expect(trim(" \t\r\n \t")).toBe("");
  });

  it("does not trim U+00A0 or other non-XML whitespace", () => {
    expect(trim("\u00a0abc\u00a0")).toBe("\u00a0abc\u00a0");
    expect(trim(" \u00a0abc\u00a0 ")).toBe("\u00a0abc\u00a0");
    expect(trim("\u000babc\u000c")).toBe("\u000babc\u000c"); // VT, FF
    expect(trim("\u0085abc\u2028")).toBe("\u0085abc\u2028"); // NEL, LINE SEPARATOR
    expect(trim("\u2003abc\u3000")).toBe("\u2003abc\u3000"); // EM SPACE, IDEOGRAPHIC SPACE
    expect(trim("\ufeffabc")).toBe("\ufeffabc"); // BOM / ZWNBSP
  });

  it("keeps non-ASCII text and surrogate pairs intact", () => {
    expect(trim(" 名前\u{10000} ")).toBe("名前\u{10000}");
  });

  it("sets the out parameter and leaves the WS_ERROR empty", () => {
    const error = createError();
    const trimmed = ref<string | null>("previous");
    expect(WsTrimXmlWhitespace(" x ", trimmed, error)).toBe(S_OK);
    expect(trimmed.value).toBe("x");
    expect(stringCount(error)).toBe(0);
  });
});
