import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_BOOL_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DURATION_VALUE_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  WS_FLOAT_VALUE_TYPE,
  type WS_HEAP,
  WS_INT32_VALUE_TYPE,
  WS_INT64_VALUE_TYPE,
  WS_TIMESPAN_VALUE_TYPE,
  WS_UINT32_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_XML_BUFFER,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_LIST,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_WRITER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_CHARSET,
  WS_XML_WRITER_PROPERTY_INDENT,
  WS_XML_WRITER_PROPERTY_MAX_DEPTH,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
  WsCreateHeap,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsGetWriterProperty,
  WsReadXmlBufferFromBytes,
  WsSetOutput,
  WsWriteArray,
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndCData,
  WsWriteEndStartElement,
  WsWriteNode,
  WsWriteQualifiedName,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteValue,
  WsWriteXmlBufferToBytes,
} from "../index.js";
import {
  attribute,
  BUFFER_OUTPUT,
  binaryEncoding,
  binaryWriter,
  bytesOf,
  dictionaryString,
  end,
  firstString,
  newError,
  newReader,
  newWriter,
  property,
  setBinary,
  start,
  staticDictionary,
  text,
  written,
  x,
  xmlns,
} from "./binary-writer.test-support.js";

/*
 * The binary writer's own behaviour beyond the Windows records of windows-records.test.ts: the
 * record chosen for each kind of text and value, attribute values written in pieces, the
 * WithEndElement rule, the writer properties, and errors and quotas as for the text writer.
 */

const chars = (w: WS_XML_WRITER, value: string) => expect(WsWriteChars(w, value)).toBe(S_OK);
const value = (w: WS_XML_WRITER, type: number, v: unknown) => expect(WsWriteValue(w, type as never, v)).toBe(S_OK);
const typed = (textType: number, fields: object): WS_XML_TEXT => ({ textType, ...fields }) as never;

/** `<t>…</t>` with the content `write` writes. */
function inT(write: (w: WS_XML_WRITER) => void, options = {}, properties: WS_XML_WRITER_PROPERTY[] | null = null): Uint8Array {
  const w = binaryWriter(options, properties);
  start(w, null, "t", "");
  write(w);
  end(w);
  return written(w);
}
const T = [0x40, 0x01, "t"] as const;

describe("text records", () => {
  it("integers by size: Zero, One, Int8/16/32/64, UInt64, at each boundary", () => {
    const int64 = (v: bigint) => inT((w) => value(w, WS_INT64_VALUE_TYPE, v));
    expect(int64(0n)).toEqual(bytesOf(...T, 0x81));
    expect(int64(1n)).toEqual(bytesOf(...T, 0x83));
    expect(int64(127n)).toEqual(bytesOf(...T, 0x89, 0x7f));
    expect(int64(-128n)).toEqual(bytesOf(...T, 0x89, 0x80));
    expect(int64(128n)).toEqual(bytesOf(...T, 0x8b, 0x80, 0x00));
    expect(int64(-32768n)).toEqual(bytesOf(...T, 0x8b, 0x00, 0x80));
    expect(int64(32768n)).toEqual(bytesOf(...T, 0x8d, 0x00, 0x80, 0x00, 0x00));
    expect(int64(-(2n ** 31n))).toEqual(bytesOf(...T, 0x8d, 0x00, 0x00, 0x00, 0x80));
    expect(int64(2n ** 31n)).toEqual(bytesOf(...T, 0x8f, 0x00, 0x00, 0x00, 0x80, 0, 0, 0, 0));
    expect(inT((w) => value(w, WS_UINT32_VALUE_TYPE, 4294967295))).toEqual(bytesOf(...T, 0x8f, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0));
    expect(inT((w) => value(w, WS_UINT64_VALUE_TYPE, 2n ** 63n))).toEqual(bytesOf(...T, 0xb3, 0, 0, 0, 0, 0, 0, 0, 0x80));
    expect(inT((w) => value(w, WS_UINT64_VALUE_TYPE, 2n ** 63n - 1n))).toEqual(
      bytesOf(...T, 0x8f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
    );
  });

  it("BOOL values, floats (integral ones as integers), decimals, time spans; durations as characters", () => {
    expect(inT((w) => value(w, WS_BOOL_VALUE_TYPE, false))).toEqual(bytesOf(...T, 0x85));
    expect(inT((w) => value(w, WS_FLOAT_VALUE_TYPE, 3))).toEqual(bytesOf(...T, 0x89, 0x03));
    expect(inT((w) => value(w, WS_FLOAT_VALUE_TYPE, 0.5))).toEqual(bytesOf(...T, 0x91, 0x00, 0x00, 0x00, 0x3f));
    const decimal = { scale: 2, sign: 0x80, Hi32: 1, Lo64: 2n };
    expect(inT((w) => value(w, WS_DECIMAL_VALUE_TYPE, decimal))).toEqual(
      bytesOf(...T, 0x95, 0x00, 0x00, 0x02, 0x80, 0x01, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0),
    );
    expect(inT((w) => value(w, WS_TIMESPAN_VALUE_TYPE, { ticks: -1n }))).toEqual(
      bytesOf(...T, 0xaf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    );
    const duration = { negative: false, years: 1, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0, milliseconds: 0, ticks: 0 };
    expect(inT((w) => value(w, WS_DURATION_VALUE_TYPE, duration))).toEqual(bytesOf(...T, 0x99, 0x03, "P1Y"));
  });

  it("characters: Chars8 up to 255 bytes, Chars16 up to 65535, Chars32 beyond", () => {
    expect(inT((w) => chars(w, "é".repeat(127)))).toEqual(bytesOf(...T, 0x99, 254, "é".repeat(127)));
    expect(inT((w) => chars(w, "a".repeat(256)))).toEqual(bytesOf(...T, 0x9b, 0x00, 0x01, "a".repeat(256)));
    const big = inT((w) => chars(w, "a".repeat(65536)), {}, [{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 70000 }]);
    expect([...big.subarray(0, 8)]).toEqual([0x40, 0x01, 0x74, 0x9d, 0x00, 0x00, 0x01, 0x00]);
    expect(big.length).toBe(3 + 5 + 65536);
  });

  it("a UTF-8 text whose string is in the static dictionary: DictionaryText", () => {
    const dictionary = staticDictionary();
    const envelope = dictionaryString("Envelope");
    expect(inT((w) => text(w, typed(WS_XML_TEXT_TYPE_UTF8, { value: envelope })), { staticDictionary: dictionary })).toEqual(
      bytesOf(...T, 0xab, 0x02),
    );
    // without that dictionary it is characters
    expect(inT((w) => text(w, typed(WS_XML_TEXT_TYPE_UTF8, { value: envelope })))).toEqual(bytesOf(...T, 0x99, 0x08, "Envelope"));
  });

  it("QNames: QNameDictionaryText for a one-letter prefix and a dictionary local name, characters otherwise", () => {
    const dictionary = staticDictionary();
    const qname = (prefix: string, ns: string, localName: WS_XML_STRING) =>
      inT(
        (w) => {
          xmlns(w, prefix, ns);
          expect(WsWriteQualifiedName(w, null, localName, x(ns))).toBe(S_OK);
        },
        { staticDictionary: dictionary },
      );
    // <t xmlns:s="…soap-envelope">s:Body</t>
    expect(qname("s", "urn:s", dictionaryString("Body"))).toEqual(bytesOf(...T, 0x09, 0x01, "s", 0x05, "urn:s", 0xbd, 18, 0x0e));
    expect(qname("s", "urn:s", x("Body"))).toEqual(bytesOf(...T, 0x09, 0x01, "s", 0x05, "urn:s", 0x99, 0x06, "s:Body"));
    expect(qname("pp", "urn:s", dictionaryString("Body"))).toEqual(bytesOf(...T, 0x09, 0x02, "pp", 0x05, "urn:s", 0x99, 0x07, "pp:Body"));
    const inAttribute = binaryWriter({ staticDictionary: dictionary });
    start(inAttribute, "s", "t", "urn:s");
    attribute(inAttribute, null, "type", "", () =>
      text(inAttribute, typed(WS_XML_TEXT_TYPE_QNAME, { prefix: x("s"), localName: dictionaryString("Body"), ns: x("urn:s") })),
    );
    end(inAttribute);
    expect(written(inAttribute)).toEqual(
      bytesOf(0x70, 0x01, "t", 0x04, 0x04, "type", 0xbc, 18, 0x0e, 0x09, 0x01, "s", 0x05, "urn:s", 0x01),
    );
  });

  it("lists: StartListText, the items, EndListText; in content an EndElement follows", () => {
    const list = typed(WS_XML_TEXT_TYPE_LIST, {
      items: [typed(WS_XML_TEXT_TYPE_INT32, { value: 123 }), typed(WS_XML_TEXT_TYPE_BOOL, { value: true })],
    });
    expect(inT((w) => text(w, list))).toEqual(bytesOf(...T, 0xa4, 0x88, 0x7b, 0x86, 0xa6, 0x01));
    const w = binaryWriter();
    start(w, null, "t", "");
    attribute(w, null, "a", "", () => text(w, list));
    end(w);
    expect(written(w)).toEqual(bytesOf(...T, 0x04, 0x01, "a", 0xa4, 0x88, 0x7b, 0x86, 0xa6, 0x01));
  });

  it("WsWriteArray: the items as elements with typed records", () => {
    const w = binaryWriter();
    start(w, null, "a", "");
    expect(WsWriteArray(w, x("i"), x(""), WS_INT32_VALUE_TYPE as never, Int32Array.of(0, 300), 0, 2)).toBe(S_OK);
    end(w);
    expect(written(w)).toEqual(bytesOf(0x40, 0x01, "a", 0x40, 0x01, "i", 0x81, 0x40, 0x01, "i", 0x8b, 0x2c, 0x01, 0x01));
  });
});

describe("the end of an element", () => {
  it("each piece of text is a record; only the last takes the WithEndElement form", () => {
    expect(
      inT((w) => {
        chars(w, "ab");
        chars(w, "cd");
      }),
    ).toEqual(bytesOf(...T, 0x98, 0x02, "ab", 0x99, 0x02, "cd"));
  });

  it("text followed by a comment or an element: an EndElement record", () => {
    expect(
      inT((w) => {
        chars(w, "x");
        expect(WsWriteNode(w, { nodeType: 4, value: x("c") } as never)).toBe(S_OK);
      }),
    ).toEqual(bytesOf(...T, 0x98, 0x01, "x", 0x02, 0x01, "c", 0x01));
    expect(
      inT((w) => {
        chars(w, "x");
        start(w, null, "u", "");
        end(w);
      }),
    ).toEqual(bytesOf(...T, 0x98, 0x01, "x", 0x40, 0x01, "u", 0x01, 0x01));
  });

  it("an element with no content, after WsWriteEndStartElement or not: its record and an EndElement", () => {
    expect(inT(() => {})).toEqual(bytesOf(...T, 0x01));
    expect(inT((w) => expect(WsWriteEndStartElement(w)).toBe(S_OK))).toEqual(bytesOf(...T, 0x01));
  });

  it("CDATA has no record: its text is text", () => {
    expect(
      inT((w) => {
        expect(WsWriteStartCData(w)).toBe(S_OK);
        chars(w, "a<b");
        expect(WsWriteEndCData(w)).toBe(S_OK);
      }),
    ).toEqual(bytesOf(...T, 0x99, 0x03, "a<b"));
  });

  it("the bytes read before the end keep the plain record; the document gets the WithEndElement one", () => {
    const w = binaryWriter();
    start(w, null, "t", "");
    chars(w, "x");
    const before = written(w);
    end(w);
    expect(before).toEqual(bytesOf(...T, 0x98, 0x01, "x"));
    expect(written(w)).toEqual(bytesOf(...T, 0x99, 0x01, "x"));
  });
});

describe("attribute values", () => {
  const withAttribute = (write: (w: WS_XML_WRITER) => void) => {
    const w = binaryWriter();
    start(w, null, "t", "");
    attribute(w, null, "a", "", () => write(w));
    end(w);
    return written(w);
  };
  const A = [...T, 0x04, 0x01, "a"] as const;

  it("pieces of characters are joined into one record; pieces of bytes too", () => {
    expect(
      withAttribute((w) => {
        chars(w, "ab");
        chars(w, "cd");
      }),
    ).toEqual(bytesOf(...A, 0x98, 0x04, "abcd", 0x01));
    expect(
      withAttribute((w) => {
        expect(WsWriteBytes(w, bytesOf("ab"))).toBe(S_OK);
        expect(WsWriteBytes(w, bytesOf("cd"))).toBe(S_OK);
      }),
    ).toEqual(bytesOf(...A, 0x9e, 0x04, "abcd", 0x01));
    expect(withAttribute((w) => text(w, typed(WS_XML_TEXT_TYPE_BASE64, { bytes: bytesOf("abcde") })))).toEqual(
      bytesOf(...A, 0x9e, 0x05, "abcde", 0x01),
    );
  });

  it('a value is its typed record (s:mustUnderstand="1" is OneText); xml:lang keeps its prefix', () => {
    expect(withAttribute((w) => value(w, WS_INT32_VALUE_TYPE, 1))).toEqual(bytesOf(...A, 0x82, 0x01));
    const w = binaryWriter();
    start(w, null, "t", "");
    attribute(w, "xml", "lang", "http://www.w3.org/XML/1998/namespace", () => chars(w, "en"));
    end(w);
    expect(written(w)).toEqual(bytesOf(...T, 0x05, 0x03, "xml", 0x04, "lang", 0x98, 0x02, "en", 0x01));
  });
});

describe("dictionaries", () => {
  it("xmlns records with a dictionary namespace; the empty namespace undeclared, not asked for", () => {
    const asked: string[] = [];
    const callback = (_s: unknown, string: WS_XML_STRING, found: { value: boolean }) => {
      asked.push(new TextDecoder().decode(string.bytes));
      found.value = false;
      return S_OK;
    };
    const w = binaryWriter({ staticDictionary: staticDictionary(), dynamicStringCallback: callback as never });
    start(w, null, "a", dictionaryString("http://www.w3.org/2005/08/addressing"));
    start(w, null, "b", "");
    end(w);
    end(w);
    expect(written(w)).toEqual(bytesOf(0x40, 0x01, "a", 0x0a, 0x06, 0x40, 0x01, "b", 0x08, 0x00, 0x01, 0x01));
    expect(asked).toEqual(["a", "b"]);
  });

  it("the callback is asked once per string and document; a new WsSetOutput asks again", () => {
    const asked: string[] = [];
    const callback = (_s: unknown, string: WS_XML_STRING, found: { value: boolean }, id: { value: number }) => {
      asked.push(new TextDecoder().decode(string.bytes));
      found.value = true;
      id.value = 7;
      return S_OK;
    };
    const w = binaryWriter({ dynamicStringCallback: callback as never, dynamicStringCallbackState: "state" });
    start(w, null, "n", "");
    start(w, null, "n", "");
    end(w);
    end(w);
    expect(written(w)).toEqual(bytesOf(0x42, 0x0f, 0x42, 0x0f, 0x01, 0x01));
    expect(asked).toEqual(["n"]);
    expect(setBinary(w, { dynamicStringCallback: callback as never })).toBe(S_OK);
    start(w, null, "n", "");
    end(w);
    expect(asked).toEqual(["n", "n"]);
  });

  it("the callback gets its state and the caller's WS_XML_STRING itself", () => {
    const seen: unknown[] = [];
    const name = x("n");
    const callback = (state: unknown, string: WS_XML_STRING) => {
      seen.push(state, string);
      return S_OK;
    };
    const w = binaryWriter({ dynamicStringCallback: callback as never, dynamicStringCallbackState: "state" });
    expect(WsWriteStartElement(w, null, name, x(""))).toBe(S_OK);
    end(w);
    expect(seen).toEqual(["state", name]);
    expect(seen[1]).toBe(name);
  });

  it("a callback id that does not fit a DictionaryString is E_INVALIDARG, and the writer goes on", () => {
    const callback = (_s: unknown, _string: WS_XML_STRING, found: { value: boolean }, id: { value: number }) => {
      found.value = true;
      id.value = 0x40000000;
      return S_OK;
    };
    const error = newError();
    const w = binaryWriter({ dynamicStringCallback: callback as never });
    expect(WsWriteStartElement(w, null, x("n"), x(""), error)).toBe(S_OK);
    expect(WsWriteEndStartElement(w, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      'WsWriteEndStartElement: the dynamicStringCallback found "n" with id number 1073741824, which is not an integer from 0 to 1073741823 (the id 2n+1 must fit a DictionaryString).',
    );
  });

  it("a string of the dictionary with an id outside it is written out", () => {
    const dictionary = staticDictionary();
    const w = binaryWriter({ staticDictionary: dictionary });
    start(w, null, { bytes: bytesOf("t"), dictionary, id: dictionary.strings.length }, "");
    end(w);
    expect(written(w)).toEqual(bytesOf(...T, 0x01));
  });
});

describe("writer properties", () => {
  it("BYTES, BUFFERS, BYTES_WRITTEN: the records written so far, a start tag not yet", () => {
    const w = binaryWriter();
    expect(property(w, WS_XML_WRITER_PROPERTY_BUFFERS)).toEqual({ buffers: [] });
    start(w, null, "t", "");
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(0);
    chars(w, "x");
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(6);
    end(w);
    expect(property(w, WS_XML_WRITER_PROPERTY_BUFFERS)).toEqual({ buffers: [bytesOf(...T, 0x99, 0x01, "x")] });
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(6);
  });

  it("BYTES_TO_CLOSE: an EndElement per open element, and a start tag not yet written", () => {
    const w = binaryWriter();
    start(w, null, "t", "urn:x");
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE)).toBe(3 + 7 + 1);
    chars(w, "x");
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE)).toBe(1);
    start(w, null, "u", "urn:x");
    expect(WsWriteEndStartElement(w)).toBe(S_OK);
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE)).toBe(2);
  });

  it("CHARSET is for text documents only: E_INVALIDARG", () => {
    const w = binaryWriter();
    const error = newError();
    expect(WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_CHARSET, ref<unknown>(null), error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toContain("only available for text documents");
  });

  it("no XML declaration and no indenting in binary; MAX_DEPTH as for text", () => {
    const w = binaryWriter({}, [
      { id: WS_XML_WRITER_PROPERTY_WRITE_DECLARATION, value: true },
      { id: WS_XML_WRITER_PROPERTY_INDENT, value: 2 },
      { id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 1 },
    ]);
    start(w, null, "t", "");
    expect(WsWriteEndStartElement(w)).toBe(S_OK);
    expect(written(w)).toEqual(bytesOf(...T));
    expect(WsWriteStartElement(w, null, x("u"), x(""))).toBe(WS_E_QUOTA_EXCEEDED);
    expect(WsWriteStartElement(w, null, x("u"), x(""))).toBe(WS_E_OBJECT_FAULTED);
  });

  it("BUFFER_MAX_SIZE limits the document: WS_E_QUOTA_EXCEEDED, nothing of the record written, the writer faulted", () => {
    const w = binaryWriter({}, [{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 8 }]);
    const error = newError();
    start(w, null, "t", "");
    expect(WsWriteChars(w, "abcde", error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsWriteChars: the document would grow to 10 bytes, more than the 8 of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.",
    );
    expect(written(w)).toEqual(bytesOf(...T));
    expect(WsWriteChars(w, "a")).toBe(WS_E_OBJECT_FAULTED);
  });
});

describe("document rules as for text", () => {
  it("one root element unless ALLOW_FRAGMENT; no text outside it", () => {
    const w = binaryWriter();
    start(w, null, "t", "");
    end(w);
    expect(WsWriteStartElement(w, null, x("u"), x(""))).toBe(WS_E_INVALID_FORMAT);
    const v = binaryWriter();
    expect(WsWriteChars(v, "x")).toBe(WS_E_INVALID_FORMAT);
    const fragments = binaryWriter({}, [{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }]);
    start(fragments, null, "t", "");
    end(fragments);
    start(fragments, null, "u", "");
    end(fragments);
    expect(written(fragments)).toEqual(bytesOf(...T, 0x01, 0x40, 0x01, "u", 0x01));
  });

  it("WsSetOutput checks the binary encoding's fields: E_INVALIDARG", () => {
    const w = newWriter();
    const error = newError();
    const bad = { ...(binaryEncoding() as object), staticDictionary: 5 };
    expect(WsSetOutputFlat(w, bad, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      "WsSetOutput: the binary encoding's staticDictionary must be a WS_XML_DICTIONARY (with a strings array) or null.",
    );
    const badCallback = { ...(binaryEncoding() as object), dynamicStringCallback: "f" };
    expect(WsSetOutputFlat(w, badCallback, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      'WsSetOutput: the binary encoding\'s dynamicStringCallback must be a WS_DYNAMIC_STRING_CALLBACK (a function) or null, not "f".',
    );
    // fields left out count as NULL
    expect(WsSetOutputFlat(w, { encodingType: 2 }, error)).toBe(S_OK);
  });
});

describe("WsWriteXmlBufferToBytes with the binary encoding", () => {
  it("the buffer's document as records, with the encoding's dictionary", () => {
    const heap = ref<WS_HEAP | null>(null);
    expect(WsCreateHeap(1 << 16, 0, null, heap)).toBe(S_OK);
    const buffer = ref<WS_XML_BUFFER | null>(null);
    const xml = `<s:Body xmlns:s="http://www.w3.org/2003/05/soap-envelope"><x a="1">text</x></s:Body>`;
    expect(WsReadXmlBufferFromBytes(newReader(), null, null, new TextEncoder().encode(xml), heap.value!, buffer)).toBe(S_OK);
    const bytes = ref<Uint8Array | null>(null);
    const encoding = binaryEncoding({ staticDictionary: staticDictionary() });
    expect(WsWriteXmlBufferToBytes(newWriter(), buffer.value!, encoding, null, heap.value!, bytes)).toBe(S_OK);
    // The buffer keeps names as text (not dictionary strings): everything is spelled out.
    expect(bytes.value).toEqual(
      bytesOf(
        0x70,
        0x04,
        "Body",
        0x09,
        0x01,
        "s",
        0x27,
        "http://www.w3.org/2003/05/soap-envelope",
        0x40,
        0x01,
        "x",
        0x04,
        0x01,
        "a",
        0x98,
        0x01,
        "1",
        0x99,
        0x04,
        "text",
        0x01,
      ),
    );
  });
});

function WsSetOutputFlat(w: WS_XML_WRITER, encoding: object, error: WS_ERROR): number {
  return WsSetOutput(w, encoding as never, BUFFER_OUTPUT, null, error);
}
