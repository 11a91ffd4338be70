import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_BYTE_ARRAY_TYPE,
  WS_CHAR_ARRAY_TYPE,
  type WS_DURATION,
  WS_DURATION_TYPE,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  WS_FIELD_NILLABLE,
  WS_FIELD_OPTIONAL,
  WS_INT32_TYPE,
  WS_READ_REQUIRED_POINTER,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  WS_TEXT_FIELD_MAPPING,
  type WS_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsReadType, WsWriteType } from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import { compareDurations } from "./duration-order.js";
import {
  EMPTY_NS,
  field,
  firstString,
  hex,
  newError,
  newHeap,
  newWriter,
  plainTree,
  readT,
  struct,
  writeT,
  written,
  x,
} from "./serialization.test-support.js";

/**
 * The counted array types (WS_CHAR_ARRAY_TYPE, WS_UTF8_ARRAY_TYPE, WS_BYTE_ARRAY_TYPE: a string or
 * a Uint8Array in wwsapi-ts, null for nil), WS_XML_BUFFER_TYPE as element content, the range of
 * WS_DURATION_DESCRIPTION, default values, and repeating elements at their item range bounds.
 */

const element = (name: string, type: WS_TYPE, more: object = {}) =>
  field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x(name), ns: EMPTY_NS, type, offset: name, ...more });

describe("WS_CHAR_ARRAY_TYPE, WS_UTF8_ARRAY_TYPE and WS_BYTE_ARRAY_TYPE fields", () => {
  const description = struct([
    field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("c"), ns: EMPTY_NS, type: WS_CHAR_ARRAY_TYPE, offset: "c" }),
    element("u", WS_UTF8_ARRAY_TYPE),
    element("b", WS_BYTE_ARRAY_TYPE),
  ]);
  const value = { c: "a b é", u: new TextEncoder().encode("ü<"), b: Uint8Array.of(0, 1, 2, 255) };

  it("writes them as text, in text and binary, and reads them back", () => {
    const out = writeT(description, value);
    expect(out.message).toBe("");
    expect(out.text).toBe('<t c="a b é"><u>ü&lt;</u><b>AAEC/w==</b></t>');
    const read = readT(out.text, description);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual(value);
    const binary = writeT({ ...description, fields: description.fields.slice(1) }, { u: value.u, b: value.b }, true);
    // <u>: Chars8TextWithEndElement of the UTF-8 bytes; <b>: the writer's base64 records (Bytes8Text of
    // the whole triples, Bytes8TextWithEndElement of the rest).
    expect(hex(binary.bytes)).toBe("40 01 74 40 01 75 99 03 c3 bc 3c 40 01 62 9e 03 00 01 02 9f 01 ff 01");
    const back = readT(binary.bytes, { ...description, fields: description.fields.slice(1) }, true);
    expect(back.hr).toBe(S_OK);
    expect(plainTree(back.value)).toEqual({ u: value.u, b: value.b });
  });

  it("write nil (null) as xsi:nil when WS_FIELD_NILLABLE, and refuse it otherwise", () => {
    const nillable = struct([element("u", WS_UTF8_ARRAY_TYPE, { options: WS_FIELD_NILLABLE })]);
    const out = writeT(nillable, { u: null });
    expect(out.text).toBe('<t><u a:nil="true" xmlns:a="http://www.w3.org/2001/XMLSchema-instance"/></t>');
    const read = readT(out.text, nillable);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ u: null });
    expect(writeT(struct([element("u", WS_UTF8_ARRAY_TYPE)]), { u: null }).hr).toBe(E_INVALIDARG);
  });

  it("check their WS_*_ARRAY_DESCRIPTION ranges", () => {
    const ranged = struct([
      element("c", WS_CHAR_ARRAY_TYPE, { typeDescription: { minCharCount: 1, maxCharCount: 3 } }),
      element("b", WS_BYTE_ARRAY_TYPE, { typeDescription: { minByteCount: 0, maxByteCount: 2 } }),
    ]);
    expect(readT("<t><c>abc</c><b>AAE=</b></t>", ranged).hr).toBe(S_OK);
    const long = readT("<t><c>abcd</c><b>AAE=</b></t>", ranged);
    expect(long.hr).toBe(WS_E_INVALID_FORMAT);
    expect(long.message).toBe(
      "WsReadElement: <t>.c has 4 characters, outside the 1 to 3 of its description (the reader is at line 1, column 15).",
    );
    expect(readT("<t><c>a</c><b>AAEC</b></t>", ranged).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("cannot be used with a WS_TYPE_MAPPING (E_INVALIDARG)", () => {
    const writer = newWriter();
    const error = newError();
    expect(WsWriteType(writer, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_CHAR_ARRAY_TYPE, null, WS_WRITE_REQUIRED_POINTER, "x", error)).toBe(
      E_INVALIDARG,
    );
    expect(firstString(error)).toBe("WsWriteType: WS_CHAR_ARRAY_TYPE cannot be used with WS_ELEMENT_CONTENT_TYPE_MAPPING.");
  });

  it("take no default value (E_INVALIDARG)", () => {
    const withDefault = struct([element("c", WS_CHAR_ARRAY_TYPE, { options: WS_FIELD_OPTIONAL, defaultValue: { value: "d" } })]);
    const read = readT("<t/>", withDefault);
    expect(read.hr).toBe(E_INVALIDARG);
    expect(read.message).toBe("WsReadElement: field 0 <c>: its type does not support specifying a WS_DEFAULT_VALUE.");
  });
});

describe("WS_XML_BUFFER_TYPE as element content", () => {
  it("reads the content (text and elements) into a buffer, and writes it back", () => {
    const reader = readerOn("<t>one<a>two</a>three</t>");
    const heap = newHeap();
    const value = ref<unknown>(null);
    // Into the element's content: past <t>.
    expect(WsReadType(reader, WS_ELEMENT_TYPE_MAPPING, WS_XML_BUFFER_TYPE, null, WS_READ_REQUIRED_POINTER, heap, value)).toBe(S_OK);
    const whole = value.value as WS_XML_BUFFER;
    const writer = newWriter();
    expect(WsWriteType(writer, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_XML_BUFFER_TYPE, null, WS_WRITE_REQUIRED_POINTER, whole)).toBe(S_OK);
    expect(written(writer)).toBe("<t>one<a>two</a>three</t>");

    const inner = readerOn("<t>one<a>two</a>three</t>");
    const content = ref<unknown>(null);
    // As content from the start of the input: everything up to the end of the input.
    expect(WsReadType(inner, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_XML_BUFFER_TYPE, null, WS_READ_REQUIRED_POINTER, heap, content)).toBe(
      S_OK,
    );
    const again = newWriter();
    expect(WsWriteType(again, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_XML_BUFFER_TYPE, null, WS_WRITE_REQUIRED_POINTER, content.value)).toBe(
      S_OK,
    );
    expect(written(again)).toBe("<t>one<a>two</a>three</t>");
  });

  it("is refused with WS_ATTRIBUTE_TYPE_MAPPING (E_INVALIDARG)", () => {
    const writer = newWriter();
    expect(WsWriteType(writer, 2 /* WS_ATTRIBUTE_TYPE_MAPPING */, WS_XML_BUFFER_TYPE, null, WS_WRITE_REQUIRED_POINTER, null)).toBe(
      E_INVALIDARG,
    );
  });
});

describe("WS_DURATION_DESCRIPTION", () => {
  const duration = (d: Partial<WS_DURATION>): WS_DURATION => ({
    negative: false,
    years: 0,
    months: 0,
    days: 0,
    hours: 0,
    minutes: 0,
    seconds: 0,
    milliseconds: 0,
    ticks: 0,
    ...d,
  });
  const ranged = (comparer: unknown = null) =>
    struct([
      element("d", WS_DURATION_TYPE, { typeDescription: { minValue: duration({ hours: 1 }), maxValue: duration({ days: 2 }), comparer } }),
    ]);

  it("accepts durations between minValue and maxValue, bounds included, and refuses others", () => {
    expect(readT("<t><d>PT1H</d></t>", ranged()).hr).toBe(S_OK);
    expect(readT("<t><d>P2D</d></t>", ranged()).hr).toBe(S_OK);
    expect(readT("<t><d>PT47H59M</d></t>", ranged()).hr).toBe(S_OK);
    const low = readT("<t><d>PT59M</d></t>", ranged());
    expect(low.hr).toBe(WS_E_INVALID_FORMAT);
    expect(low.message).toBe(
      "WsReadElement: <t>.d is outside the minValue to maxValue of its WS_DURATION_DESCRIPTION (the reader is at line 1, column 16).",
    );
    expect(readT("<t><d>P2DT1S</d></t>", ranged()).hr).toBe(WS_E_INVALID_FORMAT);
    expect(readT("<t><d>-PT2H</d></t>", ranged()).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses a duration that cannot be ordered against a bound (P1M against P2D is fine; P1M against P30D is not)", () => {
    expect(readT("<t><d>P1M</d></t>", ranged()).hr).toBe(WS_E_INVALID_FORMAT); // more than 2 days: above
    expect(compareDurations(duration({ months: 1 }), duration({ days: 30 }))).toBeUndefined();
    expect(compareDurations(duration({ months: 1 }), duration({ days: 27 }))).toBe(1);
    expect(compareDurations(duration({ years: 1 }), duration({ months: 12 }))).toBe(0);
    expect(compareDurations(duration({ negative: true, hours: 1 }), duration({}))).toBe(-1);
  });

  it("uses the WS_DURATION_COMPARISON_CALLBACK when one is given", () => {
    const calls: number[] = [];
    const always = (_a: WS_DURATION, _b: WS_DURATION, result: { value: number }) => {
      calls.push(1);
      result.value = 0; // everything equals the bounds
      return S_OK;
    };
    expect(readT("<t><d>P99D</d></t>", ranged(always)).hr).toBe(S_OK);
    expect(calls).toHaveLength(2);
    const failing = () => WS_E_INVALID_FORMAT;
    expect(readT("<t><d>PT1H</d></t>", ranged(failing)).hr).toBe(WS_E_INVALID_FORMAT);
  });
});

describe("repeating elements at their item range bounds", () => {
  const description = struct([
    field({
      mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
      localName: x("list"),
      ns: EMPTY_NS,
      itemLocalName: x("i"),
      itemNs: EMPTY_NS,
      type: WS_INT32_TYPE,
      itemRange: { minItemCount: 2, maxItemCount: 3 },
      offset: "items",
    }),
  ]);
  const doc = (n: number) => `<t><list>${"<i>1</i>".repeat(n)}</list></t>`;

  it("reads minItemCount and maxItemCount items, and refuses one fewer and one more, in text and binary", () => {
    for (const binary of [false, true]) {
      const input = (n: number) => (binary ? writeT(description, { items: Array(n).fill(1) }, true).bytes : doc(n));
      expect(readT(input(2), description, binary).hr).toBe(S_OK);
      expect(plainTree(readT(input(3), description, binary).value)).toEqual({ items: [1, 1, 1] });
      expect(readT(input(1), description, binary).hr).toBe(WS_E_INVALID_FORMAT);
      expect(readT(input(4), description, binary).hr).toBe(WS_E_INVALID_FORMAT);
    }
  });

  it("refuses a missing wrapper when items are required", () => {
    const read = readT("<t/>", description);
    expect(read.hr).toBe(WS_E_INVALID_FORMAT);
    expect(read.message).toBe(
      "WsReadElement: the wrapper <list> of <t>.items was expected, but the reader is on an end element (the reader is at line 1, column 5).",
    );
  });
});

describe("default values", () => {
  it("reads a missing optional attribute or element as its WS_DEFAULT_VALUE, and writes a value equal to it as nothing", () => {
    const description = struct([
      field({
        mapping: WS_ATTRIBUTE_FIELD_MAPPING,
        localName: x("a"),
        ns: EMPTY_NS,
        type: WS_INT32_TYPE,
        options: WS_FIELD_OPTIONAL,
        defaultValue: { value: 5 },
        offset: "a",
      }),
      element("e", WS_INT32_TYPE, { options: WS_FIELD_OPTIONAL, defaultValue: { value: -1 } }),
    ]);
    expect(plainTree(readT("<t/>", description).value)).toEqual({ a: 5, e: -1 });
    expect(writeT(description, { a: 5, e: -1 }).text).toBe("<t/>");
    expect(writeT(description, { a: 6, e: 0 }).text).toBe('<t a="6"><e>0</e></t>');
    expect(hex(writeT(description, { a: 6, e: 0 }, true).bytes)).toBe("40 01 74 04 01 61 88 06 40 01 65 81 01");
  });

  it("refuses a WS_DEFAULT_VALUE on the mappings that take none (E_INVALIDARG)", () => {
    const text = struct([field({ mapping: WS_TEXT_FIELD_MAPPING, type: WS_INT32_TYPE, defaultValue: { value: 1 }, offset: "v" })]);
    const read = readT("<t>1</t>", text);
    expect(read.hr).toBe(E_INVALIDARG);
    expect(read.message).toBe("WsReadElement: field 0: WS_FIELD_MAPPING 4 does not support specifying a WS_DEFAULT_VALUE.");
  });
});

describe("field options", () => {
  it("refuse WS_FIELD_NILLABLE without WS_FIELD_POINTER on a type without a nil value, and unknown option bits (E_INVALIDARG)", () => {
    const nillableInt = struct([element("n", WS_INT32_TYPE, { options: WS_FIELD_NILLABLE })]);
    const read = readT("<t><n>1</n></t>", nillableInt);
    expect(read.hr).toBe(E_INVALIDARG);
    expect(read.message).toBe(
      "WsReadElement: field 0 <n>: WS_FIELD_NILLABLE and WS_FIELD_NILLABLE_ITEM need WS_FIELD_POINTER for this type (its nil value is a NULL pointer).",
    );
    const unknownBits = writeT(struct([element("n", WS_INT32_TYPE, { options: 0x40 })]), { n: 1 });
    expect(unknownBits.hr).toBe(E_INVALIDARG);
    expect(unknownBits.message).toBe("WsWriteElement: field 0 <n>: options number 64 are not a combination of the WS_FIELD_* flags.");
  });
});

describe("WS_XML_BUFFER_TYPE as an element field", () => {
  const description = struct([element("extra", WS_XML_BUFFER_TYPE)]);

  it("round-trips: the buffer read holds the element, and writing it does not wrap it again", () => {
    const source = '<t><extra a="1" xmlns:p="urn:p"><b>x</b>y<p:c/></extra></t>';
    const read = readT(source, description);
    expect(read.hr).toBe(S_OK);
    const out = writeT(description, read.value);
    expect(out.message).toBe("");
    expect(out.text).toBe(source);
  });

  it("writes the buffered element under the field's name, as WS_TYPE documents", () => {
    // "The local name and namespace of the element in the buffer is ignored; it is replaced with
    // actual element name and namespace when the buffer is written."
    const reader = readerOn('<p:Other q="v" xmlns:p="urn:other">text<c/></p:Other>');
    const buffered = ref<unknown>(null);
    expect(WsReadType(reader, WS_ELEMENT_TYPE_MAPPING, WS_XML_BUFFER_TYPE, null, WS_READ_REQUIRED_POINTER, newHeap(), buffered)).toBe(S_OK);
    const out = writeT(description, { extra: buffered.value });
    expect(out.message).toBe("");
    expect(out.text).toBe('<t><extra q="v">text<c/></extra></t>');
  });
});

describe("element names checked once per description", () => {
  it("still refuses a string as a local name after it was written as a namespace", () => {
    // EMPTY_NS is a valid namespace; as a local name it is not an NCName, every time.
    const good = struct([element("a", WS_INT32_TYPE)]);
    expect(writeT(good, { a: 1 }).text).toBe("<t><a>1</a></t>");
    const bad = struct([field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: EMPTY_NS, ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "a" })]);
    for (let i = 0; i < 2; i++) {
      const out = writeT(bad, { a: 1 });
      expect(out.hr).toBe(WS_E_INVALID_FORMAT);
      expect(out.message).toBe('WsWriteElement: the local name "" is not a valid NCName: it is empty.');
    }
  });
});
