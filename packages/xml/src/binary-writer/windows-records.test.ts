import {
  S_OK,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_E_OTHER,
  WS_INT64_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_XML_DICTIONARY,
  WS_XML_NODE_TYPE_COMMENT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_DATETIME,
  WS_XML_TEXT_TYPE_DOUBLE,
  WS_XML_TEXT_TYPE_GUID,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_INT64,
  WS_XML_TEXT_TYPE_UINT64,
  WS_XML_TEXT_TYPE_UNIQUE_ID,
  WS_XML_TEXT_TYPE_UTF16,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsWriteBytes, WsWriteEndAttribute, WsWriteNode, WsWriteStartAttribute, WsWriteStartElement, WsWriteValue } from "../index.js";
import { attribute, binaryWriter, bytesOf, end, start, staticDictionary, text, utf8, written, x } from "./binary-writer.test-support.js";

/*
 * The bytes WWSAPI's binary writer produces on Windows, as the Wine conformance tests
 * (dlls/webservices/tests/writer.c: test_binary_encoding, test_dictionary, test_text_types_binary)
 * record them; each expectation below is one of theirs.
 */

describe("elements, attributes, comments (test_binary_encoding)", () => {
  const element = (prefix: string | null, ns: string, value: string | null) => {
    const w = binaryWriter();
    start(w, prefix, "t", ns);
    if (value !== null) text(w, utf8(value));
    end(w);
    return written(w);
  };

  it("short element, one-letter prefix element, element, element with text", () => {
    expect(element(null, "", null)).toEqual(bytesOf(0x40, 0x01, "t", 0x01));
    expect(element("p", "ns", null)).toEqual(bytesOf(0x6d, 0x01, "t", 0x09, 0x01, "p", 0x02, "ns", 0x01));
    expect(element("p2", "ns", null)).toEqual(bytesOf(0x41, 0x02, "p2", 0x01, "t", 0x09, 0x02, "p2", 0x02, "ns", 0x01));
    expect(element("p2", "ns", "test")).toEqual(bytesOf(0x41, 0x02, "p2", 0x01, "t", 0x09, 0x02, "p2", 0x02, "ns", 0x99, 0x04, "test"));
  });

  const withAttribute = (prefix: string | null, ns: string, value: string | null) => {
    const w = binaryWriter();
    start(w, null, "t", "");
    attribute(w, prefix, "t", ns, () => {
      if (value !== null) text(w, utf8(value));
    });
    end(w);
    return written(w);
  };

  it("short attribute, one-letter prefix attribute, attribute, attribute with value; xmlns records after the attributes", () => {
    expect(withAttribute(null, "", null)).toEqual(bytesOf(0x40, 0x01, "t", 0x04, 0x01, "t", 0x98, 0x00, 0x01));
    expect(withAttribute("p", "ns", null)).toEqual(
      bytesOf(0x40, 0x01, "t", 0x35, 0x01, "t", 0x98, 0x00, 0x09, 0x01, "p", 0x02, "ns", 0x01),
    );
    expect(withAttribute("p2", "ns", null)).toEqual(
      bytesOf(0x40, 0x01, "t", 0x05, 0x02, "p2", 0x01, "t", 0x98, 0x00, 0x09, 0x02, "p2", 0x02, "ns", 0x01),
    );
    expect(withAttribute("p2", "ns", "test")).toEqual(
      bytesOf(0x40, 0x01, "t", 0x05, 0x02, "p2", 0x01, "t", 0x98, 0x04, "test", 0x09, 0x02, "p2", 0x02, "ns", 0x01),
    );
  });

  it("a comment node: Comment record", () => {
    const w = binaryWriter();
    expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x("comment") } as never)).toBe(S_OK);
    expect(written(w)).toEqual(bytesOf(0x02, 0x07, "comment"));
  });
});

describe("dictionary strings (test_dictionary)", () => {
  /** The test's dictionary: "", "p", "t" (whose own id field is ~0), "u", "p2", "ns". */
  function testDictionary(): WS_XML_DICTIONARY {
    const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: [], isConst: true };
    const ids = [0, 1, 0xffffffff, 3, 4, 5];
    ["", "p", "t", "u", "p2", "ns"].forEach((s, i) => {
      (dictionary.strings as WS_XML_STRING[]).push({ ...x(s), dictionary, id: ids[i]! });
    });
    return dictionary;
  }
  /** String `index` of `dictionary`, with `index` as its id (the test's init_xmlstring_dict). */
  const entry = (dictionary: WS_XML_DICTIONARY, index: number): WS_XML_STRING => ({ ...dictionary.strings[index]!, id: index });

  it("elements: the string's id n is written 2n, whatever the dictionary's entry says; prefixes are spelled out", () => {
    const dictionary = testDictionary();
    const cases: [number | null, number, number, Uint8Array][] = [
      [null, 2, 0, bytesOf(0x42, 0x04, 0x01)],
      [null, 3, 0, bytesOf(0x42, 0x06, 0x01)],
      [1, 3, 5, bytesOf(0x53, 0x06, 0x0b, 0x01, "p", 0x0a, 0x01)],
      [4, 3, 5, bytesOf(0x43, 0x02, "p2", 0x06, 0x0b, 0x02, "p2", 0x0a, 0x01)],
    ];
    for (const [prefix, localName, ns, expected] of cases) {
      const w = binaryWriter({ staticDictionary: dictionary });
      const p = prefix === null ? null : entry(dictionary, prefix);
      expect(WsWriteStartElement(w, p, entry(dictionary, localName), entry(dictionary, ns))).toBe(S_OK);
      end(w);
      expect(written(w)).toEqual(expected);
    }
  });

  it("attributes: ShortDictionaryAttribute, PrefixDictionaryAttributeP, DictionaryAttribute", () => {
    const dictionary = testDictionary();
    const cases: [number | null, Uint8Array][] = [
      [null, bytesOf(0x42, 0x06, 0x06, 0x06, 0x98, 0x00, 0x01)],
      [1, bytesOf(0x42, 0x06, 0x1b, 0x06, 0x98, 0x00, 0x0b, 0x01, "p", 0x0a, 0x01)],
      [4, bytesOf(0x42, 0x06, 0x07, 0x02, "p2", 0x06, 0x98, 0x00, 0x0b, 0x02, "p2", 0x0a, 0x01)],
    ];
    for (const [prefix, expected] of cases) {
      const w = binaryWriter({ staticDictionary: dictionary });
      start(w, null, dictionary.strings[3]!, dictionary.strings[0]!);
      const ns = entry(dictionary, prefix === null ? 0 : 5);
      expect(WsWriteStartAttribute(w, prefix === null ? null : entry(dictionary, prefix), entry(dictionary, 3), ns, false)).toBe(S_OK);
      expect(WsWriteEndAttribute(w)).toBe(S_OK);
      end(w);
      expect(written(w)).toEqual(expected);
    }
  });

  /** The test's callback: t → 1, n… → 2, z → 3, v fails with WS_E_OTHER, anything else not found. */
  function dictCallback() {
    const calls: string[] = [];
    const callback = (_state: unknown, string: WS_XML_STRING, found: { value: boolean }, id: { value: number }) => {
      const s = new TextDecoder().decode(string.bytes);
      calls.push(s);
      const ids: Record<string, number> = { t: 1, n: 2, z: 3 };
      const known = ids[s[0]!];
      if (s[0] === "v") {
        found.value = false;
        return WS_E_OTHER;
      }
      found.value = known !== undefined;
      if (known !== undefined) id.value = known;
      return S_OK;
    };
    return { callback: callback as never, calls };
  }

  const withCallback = (localName: string | WS_XML_STRING, dictionary: WS_XML_DICTIONARY | null = null) => {
    const { callback, calls } = dictCallback();
    const w = binaryWriter({ staticDictionary: dictionary, dynamicStringCallback: callback });
    start(w, null, localName, "ns");
    end(w);
    return { bytes: written(w), calls };
  };

  it("the dynamic string callback: id n is written 2n+1; called for the name and the namespace", () => {
    expect(withCallback("t")).toEqual({ bytes: bytesOf(0x42, 0x03, 0x0a, 0x05, 0x01), calls: ["t", "ns"] });
    // not found: the name is spelled out
    expect(withCallback("u")).toEqual({ bytes: bytesOf(0x40, 0x01, "u", 0x0a, 0x05, 0x01), calls: ["u", "ns"] });
    // a failing callback: spelled out too, and the write succeeds
    expect(withCallback("v")).toEqual({ bytes: bytesOf(0x40, 0x01, "v", 0x0a, 0x05, 0x01), calls: ["v", "ns"] });
  });

  it("with the static dictionary: a plain string goes to the callback even when its text is in the dictionary", () => {
    const builtin = staticDictionary();
    expect(builtin.strings.some((s) => new TextDecoder().decode(s.bytes) === "t")).toBe(true);
    expect(withCallback("t", builtin)).toEqual({ bytes: bytesOf(0x42, 0x03, 0x0a, 0x05, 0x01), calls: ["t", "ns"] });
    expect(withCallback("z", builtin)).toEqual({ bytes: bytesOf(0x42, 0x07, 0x0a, 0x05, 0x01), calls: ["z", "ns"] });
    const string235 = builtin.strings[235]!;
    expect(withCallback(string235, builtin)).toEqual({ bytes: bytesOf(0x42, 0xd6, 0x03, 0x0a, 0x05, 0x01), calls: ["ns"] });
  });
});

describe("typed text records (test_text_types_binary: <t><u>value</u></t>)", () => {
  const T_U = [0x40, 0x01, "t", 0x40, 0x01, "u"] as const;
  function inU(write: (w: WS_XML_WRITER) => void): Uint8Array {
    const w = binaryWriter();
    start(w, null, "t", "");
    start(w, null, "u", "");
    write(w);
    end(w);
    end(w);
    return written(w);
  }
  const typed = (textType: number, value: unknown) => (w: WS_XML_WRITER) => text(w, { textType, value } as never as WS_XML_TEXT);
  const bytes = (value: Uint8Array) => (w: WS_XML_WRITER) => expect(WsWriteBytes(w, value)).toBe(S_OK);
  const a = (n: number) => new Uint8Array(n).fill(0x61);
  const le64 = (value: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    return [...b];
  };

  it("UTF-8 and UTF-16 text: Chars8TextWithEndElement", () => {
    expect(inU((w) => text(w, utf8("test")))).toEqual(bytesOf(...T_U, 0x99, 0x04, "test", 0x01));
    const utf16 = { textType: WS_XML_TEXT_TYPE_UTF16, bytes: Uint8Array.of(0x74, 0, 0x65, 0, 0x73, 0, 0x74, 0) } as never;
    expect(inU((w) => text(w, utf16))).toEqual(bytesOf(...T_U, 0x99, 0x04, "test", 0x01));
  });

  it("bytes: whole 3-byte groups first, then the rest; nothing for none; 255 bytes one Bytes8Text", () => {
    expect(inU(bytes(bytesOf("test")))).toEqual(bytesOf(...T_U, 0x9e, 0x03, "tes", 0x9f, 0x01, "t", 0x01));
    expect(inU(bytes(bytesOf("tes")))).toEqual(bytesOf(...T_U, 0x9f, 0x03, "tes", 0x01));
    expect(inU(bytes(bytesOf("t")))).toEqual(bytesOf(...T_U, 0x9f, 0x01, "t", 0x01));
    expect(inU(bytes(new Uint8Array(0)))).toEqual(bytesOf(...T_U, 0x01, 0x01));
    expect(inU(bytes(a(255)))).toEqual(bytesOf(...T_U, 0x9f, 0xff, ...a(255), 0x01));
    expect(inU(bytes(a(256)))).toEqual(bytesOf(...T_U, 0x9e, 0xff, ...a(255), 0x9f, 0x01, "a", 0x01));
    expect(inU(bytes(bytesOf("testte")))).toEqual(bytesOf(...T_U, 0x9f, 0x06, "testte", 0x01));
  });

  it("BOOL, integers in their smallest record, doubles", () => {
    expect(inU(typed(WS_XML_TEXT_TYPE_BOOL, true))).toEqual(bytesOf(...T_U, 0x87, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_INT32, -1))).toEqual(bytesOf(...T_U, 0x89, 0xff, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_INT64, -1n))).toEqual(bytesOf(...T_U, 0x89, 0xff, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_UINT64, 1n))).toEqual(bytesOf(...T_U, 0x83, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_UINT64, 2n))).toEqual(bytesOf(...T_U, 0x89, 0x02, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_DOUBLE, 0))).toEqual(bytesOf(...T_U, 0x81, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_DOUBLE, 2))).toEqual(bytesOf(...T_U, 0x89, 0x02, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_DOUBLE, 2.1))).toEqual(bytesOf(...T_U, 0x93, 0xcd, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0x00, 0x40, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_DOUBLE, Number.POSITIVE_INFINITY))).toEqual(bytesOf(...T_U, 0x93, ...le64(Infinity), 0x01));
    expect(le64(Infinity)).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x7f]);
    expect(inU(typed(WS_XML_TEXT_TYPE_DOUBLE, Number.NEGATIVE_INFINITY))).toEqual(
      bytesOf(...T_U, 0x93, 0, 0, 0, 0, 0, 0, 0xf0, 0xff, 0x01),
    );
    expect(inU(typed(WS_XML_TEXT_TYPE_DOUBLE, Number.NaN))).toEqual(bytesOf(...T_U, 0x93, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 0x01));
  });

  it("the same integers through WsWriteValue", () => {
    expect(inU((w) => expect(WsWriteValue(w, WS_INT64_VALUE_TYPE, -1n)).toBe(S_OK))).toEqual(bytesOf(...T_U, 0x89, 0xff, 0x01));
    expect(inU((w) => expect(WsWriteValue(w, WS_UINT64_VALUE_TYPE, 1n)).toBe(S_OK))).toEqual(bytesOf(...T_U, 0x83, 0x01));
  });

  it("GUID, unique id, date-times in their three formats", () => {
    const zero = new Uint8Array(16);
    expect(inU(typed(WS_XML_TEXT_TYPE_GUID, zero))).toEqual(bytesOf(...T_U, 0xb1, ...zero, 0x01));
    expect(inU(typed(WS_XML_TEXT_TYPE_UNIQUE_ID, zero))).toEqual(bytesOf(...T_U, 0xad, ...zero, 0x01));
    const date = (ticks: bigint, format: number) => typed(WS_XML_TEXT_TYPE_DATETIME, { ticks, format });
    expect(inU(date(0n, WS_DATETIME_FORMAT_UTC))).toEqual(bytesOf(...T_U, 0x97, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x01));
    expect(inU(date(0n, WS_DATETIME_FORMAT_LOCAL))).toEqual(bytesOf(...T_U, 0x97, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x01));
    expect(inU(date(0n, WS_DATETIME_FORMAT_NONE))).toEqual(bytesOf(...T_U, 0x97, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01));
    expect(inU(date(1n, WS_DATETIME_FORMAT_UTC))).toEqual(bytesOf(...T_U, 0x97, 1, 0, 0, 0, 0, 0, 0, 0x40, 0x01));
  });
});
