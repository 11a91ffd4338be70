import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_ATTRIBUTE_TYPE_MAPPING,
  WS_BOOL_TYPE,
  WS_BYTES_TYPE,
  WS_DATETIME_TYPE,
  WS_DECIMAL_TYPE,
  WS_DOUBLE_TYPE,
  WS_DURATION_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_NUMERIC_OVERFLOW,
  WS_E_QUOTA_EXCEEDED,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  WS_ENUM_TYPE,
  WS_FLOAT_TYPE,
  WS_GUID_TYPE,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_INT8_TYPE,
  WS_INT16_TYPE,
  WS_INT32_TYPE,
  WS_INT64_TYPE,
  WS_READ_NILLABLE_POINTER,
  WS_READ_NILLABLE_VALUE,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_STRING_TYPE,
  WS_TIMESPAN_TYPE,
  type WS_TYPE,
  WS_UINT8_TYPE,
  WS_UINT16_TYPE,
  WS_UINT32_TYPE,
  WS_UINT64_TYPE,
  WS_UNIQUE_ID_TYPE,
  WS_WRITE_NILLABLE_POINTER,
  WS_WRITE_NILLABLE_VALUE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_QNAME_TYPE,
  WS_XML_STRING_TYPE,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsReadAttribute,
  WsReadElement,
  WsReadStartElement,
  WsReadType,
  WsWriteAttribute,
  WsWriteElement,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteType,
  WsWriteXmlnsAttribute,
} from "../index.js";
import { current, inContent, onElement, readerOn, where } from "../reader-content/reader.test-support.js";
import { EMPTY_NS, firstString, newError, newHeap, newWriter, written, x } from "./serialization.test-support.js";

const T = x("t");
const guidA1 = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1]);

/** Writes `value` inside <t> with WsWriteType (element mapping) and returns the document. */
function writeInElement(type: WS_TYPE, value: unknown, description: unknown = null, option: number = WS_WRITE_REQUIRED_VALUE): string {
  const writer = newWriter();
  expect(WsWriteStartElement(writer, null, T, EMPTY_NS)).toBe(S_OK);
  expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, type, description, option as never, value)).toBe(S_OK);
  expect(WsWriteEndElement(writer)).toBe(S_OK);
  return written(writer);
}

function writeInAttribute(type: WS_TYPE, value: unknown, description: unknown = null): string {
  const writer = newWriter();
  expect(WsWriteStartElement(writer, null, T, EMPTY_NS)).toBe(S_OK);
  expect(WsWriteStartAttribute(writer, null, T, EMPTY_NS, false)).toBe(S_OK);
  expect(WsWriteType(writer, WS_ATTRIBUTE_TYPE_MAPPING, type, description, WS_WRITE_REQUIRED_VALUE, value)).toBe(S_OK);
  expect(WsWriteEndAttribute(writer)).toBe(S_OK);
  expect(WsWriteEndElement(writer)).toBe(S_OK);
  return written(writer);
}

/** Reads the content of the first element of `xml` as `type`. */
function readContent(xml: string, type: WS_TYPE, description: unknown = null, option: number = WS_READ_REQUIRED_VALUE) {
  const reader = inContent(xml);
  const value = ref<unknown>("unset");
  const hr = WsReadType(reader, WS_ELEMENT_CONTENT_TYPE_MAPPING, type, description, option as never, newHeap(), value);
  return { hr, value: value.value, reader };
}

// Each value with the text Windows writes for it (Wine's conformance tests of WsWriteType and
// WsWriteValue, which pass on Windows, for the boundary integers, bool, GUID, strings, base64).
const CASES: [string, WS_TYPE, unknown, string][] = [
  ["bool true", WS_BOOL_TYPE, true, "true"],
  ["bool false", WS_BOOL_TYPE, false, "false"],
  ["int8 min", WS_INT8_TYPE, -128, "-128"],
  ["int8 max", WS_INT8_TYPE, 127, "127"],
  ["int16 min", WS_INT16_TYPE, -32768, "-32768"],
  ["int32 min", WS_INT32_TYPE, -2147483648, "-2147483648"],
  ["int32 max", WS_INT32_TYPE, 2147483647, "2147483647"],
  ["int64 min", WS_INT64_TYPE, -9223372036854775808n, "-9223372036854775808"],
  ["int64 max", WS_INT64_TYPE, 9223372036854775807n, "9223372036854775807"],
  ["uint8 max", WS_UINT8_TYPE, 255, "255"],
  ["uint16 max", WS_UINT16_TYPE, 65535, "65535"],
  ["uint32 max", WS_UINT32_TYPE, 4294967295, "4294967295"],
  ["uint64 max", WS_UINT64_TYPE, 18446744073709551615n, "18446744073709551615"],
  ["float", WS_FLOAT_TYPE, 0.5, "0.5"],
  ["float -INF", WS_FLOAT_TYPE, Number.NEGATIVE_INFINITY, "-INF"],
  ["double max", WS_DOUBLE_TYPE, 1.7976931348623157e308, "1.7976931348623157E+308"],
  ["double -0", WS_DOUBLE_TYPE, -0, "-0"],
  ["decimal", WS_DECIMAL_TYPE, { scale: 2, sign: 128, Hi32: 0, Lo64: 12345n }, "-123.45"],
  ["datetime", WS_DATETIME_TYPE, { ticks: 0n, format: 0 }, "0001-01-01T00:00:00Z"],
  ["datetime last tick", WS_DATETIME_TYPE, { ticks: 3155378975999999999n, format: 0 }, "9999-12-31T23:59:59.9999999Z"],
  ["timespan", WS_TIMESPAN_TYPE, { ticks: -10000000n }, "-00:00:01"],
  ["guid", WS_GUID_TYPE, new Uint8Array(16), "00000000-0000-0000-0000-000000000000"],
  ["string", WS_STRING_TYPE, "test", "test"],
  ["string escaped", WS_STRING_TYPE, "a<&>é", "a&lt;&amp;&gt;é"],
  ["wsz", WS_WSZ_TYPE, "test", "test"],
  ["xml string", WS_XML_STRING_TYPE, x("test"), "test"],
  ["bytes", WS_BYTES_TYPE, new TextEncoder().encode("test"), "dGVzdA=="],
  ["unique id (guid)", WS_UNIQUE_ID_TYPE, { uri: "", guid: new Uint8Array(16) }, "urn:uuid:00000000-0000-0000-0000-000000000000"],
  ["unique id (uri)", WS_UNIQUE_ID_TYPE, { uri: "test", guid: new Uint8Array(16) }, "test"],
  [
    "duration",
    WS_DURATION_TYPE,
    { negative: false, years: 1, months: 0, days: 2, hours: 0, minutes: 0, seconds: 3, milliseconds: 0, ticks: 0 },
    "P1Y2DT3S",
  ],
];

describe("WsWriteType with simple types", () => {
  it.each(CASES)("%s: element content and attribute value as Windows writes them", (_name, type, value, textForm) => {
    const option = type === WS_WSZ_TYPE ? WS_WRITE_REQUIRED_POINTER : WS_WRITE_REQUIRED_VALUE;
    expect(writeInElement(type, value, null, option)).toBe(`<t>${textForm}</t>`);
    if (type !== WS_WSZ_TYPE) expect(writeInAttribute(type, value)).toBe(`<t t="${textForm.replace("&gt;", ">")}"/>`);
  });

  it("writes an empty WS_BYTES as nothing, and a nil one as xsi:nil (Windows)", () => {
    expect(writeInElement(WS_BYTES_TYPE, new Uint8Array(0))).toBe("<t/>");
    expect(writeInElement(WS_BYTES_TYPE, null, null, WS_WRITE_NILLABLE_VALUE)).toBe(
      '<t a:nil="true" xmlns:a="http://www.w3.org/2001/XMLSchema-instance"/>',
    );
  });

  it("writes nil with WS_WRITE_NILLABLE_POINTER for any type", () => {
    expect(writeInElement(WS_INT32_TYPE, null, null, WS_WRITE_NILLABLE_POINTER)).toBe(
      '<t a:nil="true" xmlns:a="http://www.w3.org/2001/XMLSchema-instance"/>',
    );
    expect(writeInElement(WS_INT32_TYPE, 7, null, WS_WRITE_NILLABLE_POINTER)).toBe("<t>7</t>");
  });

  it("refuses a missing required value, REQUIRED_VALUE for WS_WSZ_TYPE and NILLABLE_VALUE for an int (E_INVALIDARG)", () => {
    const writer = newWriter();
    const error = newError();
    expect(WsWriteStartElement(writer, null, T, EMPTY_NS)).toBe(S_OK);
    expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_WRITE_REQUIRED_POINTER, null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsWriteType: the value is null, but the write option does not allow nil.");
    expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_WSZ_TYPE, null, WS_WRITE_REQUIRED_VALUE, "test")).toBe(E_INVALIDARG);
    expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_WRITE_NILLABLE_VALUE, null)).toBe(E_INVALIDARG);
    // The writer is not faulted by these: the element is still open.
    expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_WRITE_REQUIRED_VALUE, 1)).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(written(writer)).toBe("<t>1</t>");
  });

  it("needs an element to write into (WS_E_INVALID_FORMAT, Windows)", () => {
    const error = newError();
    expect(WsWriteType(newWriter(), WS_ELEMENT_TYPE_MAPPING, WS_WSZ_TYPE, null, WS_WRITE_REQUIRED_POINTER, "test", error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toMatch(/^WsWriteType: /);
  });

  it("writes an enum by its name; a value not listed is E_INVALIDARG (Windows)", () => {
    const description = {
      values: [
        { value: 1, name: x("ONE") },
        { value: 2, name: x("TWO") },
      ],
      maxByteCount: 3,
      nameIndices: [],
    };
    expect(writeInElement(WS_ENUM_TYPE, 1, description)).toBe("<t>ONE</t>");
    const writer = newWriter();
    expect(WsWriteStartElement(writer, null, T, EMPTY_NS)).toBe(S_OK);
    expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_ENUM_TYPE, description, WS_WRITE_REQUIRED_VALUE, 3)).toBe(E_INVALIDARG);
  });

  it("writes a qualified name with the prefix in scope", () => {
    const writer = newWriter();
    expect(WsWriteStartElement(writer, x("p"), T, x("ns"))).toBe(S_OK);
    expect(
      WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_XML_QNAME_TYPE, null, WS_WRITE_REQUIRED_VALUE, { localName: x("u"), ns: x("ns") }),
    ).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(written(writer)).toBe('<p:t xmlns:p="ns">p:u</p:t>');
  });

  it("WsWriteElement writes the element; WsWriteAttribute the attribute, only on an open start tag", () => {
    const writer = newWriter();
    const description = { elementLocalName: x("str"), elementNs: EMPTY_NS, type: WS_WSZ_TYPE, typeDescription: null } as const;
    expect(WsWriteElement(writer, description, WS_WRITE_REQUIRED_POINTER, "test")).toBe(S_OK);
    expect(written(writer)).toBe("<str>test</str>");

    const attribute = { attributeLocalName: x("a"), attributeNs: EMPTY_NS, type: WS_INT32_TYPE, typeDescription: null } as const;
    expect(WsWriteAttribute(newWriter(), attribute, WS_WRITE_REQUIRED_VALUE, 5)).toBe(-2143485949 /* WS_E_INVALID_OPERATION */);
    const writer2 = newWriter();
    expect(WsWriteStartElement(writer2, null, T, EMPTY_NS)).toBe(S_OK);
    expect(WsWriteAttribute(writer2, attribute, WS_WRITE_REQUIRED_VALUE, 5)).toBe(S_OK);
    expect(WsWriteXmlnsAttribute(writer2, x("q"), x("urn:q"), false)).toBe(S_OK);
    expect(WsWriteEndElement(writer2)).toBe(S_OK);
    expect(written(writer2)).toBe('<t a="5" xmlns:q="urn:q"/>');
  });
});

describe("WsReadType with simple types", () => {
  it.each(CASES)("%s: reads back what is written", (_name, type, value, textForm) => {
    const option = type === WS_WSZ_TYPE ? WS_READ_REQUIRED_POINTER : WS_READ_REQUIRED_VALUE;
    const xml = `<t>${textForm}</t>`;
    const { hr, value: read, reader } = readContent(xml, type, null, option);
    expect(hr).toBe(S_OK);
    expect(read).toEqual(value);
    expect(where(reader)).toBe("end"); // left on the end element, as WsReadValue
  });

  it("trims numbers, GUIDs and base64 but keeps the white space of strings (Windows)", () => {
    expect(readContent("<t> 255 </t>", WS_UINT8_TYPE).value).toBe(255);
    expect(readContent("<t> 00000000-0000-0000-0000-0000000000A1 </t>", WS_GUID_TYPE).value).toEqual(guidA1);
    expect(readContent("<t> dGVzdA== </t>", WS_BYTES_TYPE).value).toEqual(new TextEncoder().encode("test"));
    expect(readContent("<t> test </t>", WS_STRING_TYPE).value).toBe(" test ");
    expect(readContent("<t> test </t>", WS_XML_STRING_TYPE).value).toEqual(x(" test "));
    expect(readContent("<t> test </t>", WS_UNIQUE_ID_TYPE).value).toEqual({ uri: " test ", guid: new Uint8Array(16) });
    expect(readContent("<t>urn:uuid:00000000-0000-0000-0000-0000000000a1</t>", WS_UNIQUE_ID_TYPE).value).toEqual({ uri: "", guid: guidA1 });
  });

  it("reads empty content as an empty string or byte array, and refuses it for the other types (Windows)", () => {
    expect(readContent("<t></t>", WS_STRING_TYPE).value).toBe("");
    expect(readContent("<t></t>", WS_WSZ_TYPE, null, WS_READ_REQUIRED_POINTER).value).toBe("");
    expect(readContent("<t></t>", WS_BYTES_TYPE).value).toEqual(new Uint8Array(0));
    for (const type of <WS_TYPE[]>[WS_BOOL_TYPE, WS_INT8_TYPE, WS_INT32_TYPE, WS_UINT8_TYPE, WS_GUID_TYPE, WS_UNIQUE_ID_TYPE]) {
      expect(readContent("<t></t>", type).hr).toBe(WS_E_INVALID_FORMAT);
      expect(readContent("<t></t>", type, null, WS_READ_REQUIRED_POINTER).hr).toBe(WS_E_INVALID_FORMAT);
    }
  });

  it("gives the lexical errors Windows gives", () => {
    expect(readContent("<t>FALSE</t>", WS_BOOL_TYPE).hr).toBe(WS_E_INVALID_FORMAT);
    expect(readContent("<t>-129</t>", WS_INT8_TYPE).hr).toBe(WS_E_NUMERIC_OVERFLOW);
    expect(readContent("<t>+255</t>", WS_UINT8_TYPE).hr).toBe(WS_E_INVALID_FORMAT);
    expect(readContent("<t>{00000000-0000-0000-0000-000000000000}</t>", WS_GUID_TYPE).hr).toBe(WS_E_INVALID_FORMAT);
    expect(readContent("<t>dGVzdA===</t>", WS_BYTES_TYPE).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("applies the ranges of the descriptions (WS_E_INVALID_FORMAT, saying what and where)", () => {
    const reader = inContent("<t>11</t>");
    const error = newError();
    const value = ref<unknown>(null);
    const range = { minValue: 1, maxValue: 10 };
    expect(WsReadType(reader, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_INT32_TYPE, range, WS_READ_REQUIRED_VALUE, null, value, error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe(
      "WsReadType: the value 11 is outside 1 to 10 of its WS_INT32_DESCRIPTION (the reader is at line 1, column 10).",
    );
    expect(readContent("<t>10</t>", WS_INT32_TYPE, range).value).toBe(10);
    expect(readContent("<t>abcd</t>", WS_STRING_TYPE, { minCharCount: 0, maxCharCount: 3 }).hr).toBe(WS_E_INVALID_FORMAT);
    expect(readContent("<t>dGVzdA==</t>", WS_BYTES_TYPE, { minByteCount: 5, maxByteCount: 9 }).hr).toBe(WS_E_INVALID_FORMAT);
    expect(readContent("<t>5</t>", WS_INT64_TYPE, { minValue: 6n, maxValue: 9n }).hr).toBe(WS_E_INVALID_FORMAT);
    expect(
      readContent("<t>1.5</t>", WS_DECIMAL_TYPE, {
        minValue: { scale: 0, sign: 0, Hi32: 0, Lo64: 2n },
        maxValue: { scale: 0, sign: 0, Hi32: 0, Lo64: 9n },
      }).hr,
    ).toBe(WS_E_INVALID_FORMAT);
  });

  it("reads an enum by its name; an unknown name is WS_E_INVALID_FORMAT", () => {
    const description = {
      values: [
        { value: 1, name: x("ONE") },
        { value: 2, name: x("TWO") },
      ],
      maxByteCount: 3,
      nameIndices: [],
    };
    expect(readContent("<t>TWO</t>", WS_ENUM_TYPE, description).value).toBe(2);
    expect(readContent("<t>THREE</t>", WS_ENUM_TYPE, description).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("reads a qualified name with WS_ELEMENT_TYPE_MAPPING, its prefix resolved (Windows)", () => {
    const reader = onElement('<p:t xmlns:p="ns"> p:u </p:t>');
    const value = ref<unknown>(null);
    expect(WsReadType(reader, WS_ELEMENT_TYPE_MAPPING, WS_XML_QNAME_TYPE, null, WS_READ_REQUIRED_VALUE, newHeap(), value)).toBe(S_OK);
    expect(value.value).toEqual({ localName: x("u"), ns: x("ns") });
    expect(where(reader)).toBe("eof");
  });

  it("reads nil and missing values by the read option", () => {
    const nilXml = '<t xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>';
    const value = ref<unknown>("unset");
    expect(WsReadType(onElement(nilXml), WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_READ_NILLABLE_POINTER, newHeap(), value)).toBe(
      S_OK,
    );
    expect(value.value).toBeNull();
    expect(WsReadType(onElement(nilXml), WS_ELEMENT_TYPE_MAPPING, WS_STRING_TYPE, null, WS_READ_NILLABLE_VALUE, newHeap(), value)).toBe(
      S_OK,
    );
    expect(value.value).toBeNull();
    expect(WsReadType(onElement(nilXml), WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(WsReadType(onElement(nilXml), WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_READ_NILLABLE_VALUE, newHeap(), value)).toBe(
      E_INVALIDARG,
    );
    const reader = inContent("<a></a>"); // on the end element: no element to read
    expect(WsReadType(reader, WS_ELEMENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBeNull();
  });

  it("WsReadElement checks the name; WsReadAttribute finds the attribute", () => {
    const description = { elementLocalName: x("t"), elementNs: EMPTY_NS, type: WS_INT32_TYPE, typeDescription: null } as const;
    const value = ref<unknown>(null);
    const reader = readerOn("<t>5</t>");
    expect(WsReadElement(reader, description, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    expect(value.value).toBe(5);
    expect(where(reader)).toBe("eof");

    const error = newError();
    const other = readerOn("<u>5</u>");
    expect(WsReadElement(other, description, WS_READ_REQUIRED_VALUE, null, value, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe("WsReadElement: the element <t> was expected (the reader is at line 1, column 4).");
    expect(WsReadElement(readerOn("<u>5</u>"), description, WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBeNull();

    const attribute = { attributeLocalName: x("a"), attributeNs: EMPTY_NS, type: WS_INT32_TYPE, typeDescription: null } as const;
    const onT = onElement('<t a=" 42 "/>');
    expect(WsReadAttribute(onT, attribute, WS_READ_REQUIRED_VALUE, null, value)).toBe(S_OK);
    expect(value.value).toBe(42);
    expect(current(onT).nodeType).toBe(1); // back on the element
    expect(WsReadStartElement(onT)).toBe(S_OK);
    const missing = { ...attribute, attributeLocalName: x("b") };
    expect(WsReadAttribute(onElement("<t a='1'/>"), missing, WS_READ_REQUIRED_VALUE, null, value)).toBe(WS_E_INVALID_FORMAT);
    expect(WsReadAttribute(onElement("<t a='1'/>"), missing, WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBeNull();
  });

  it("charges what it allocates to the heap, and fails past its maximum (WS_E_QUOTA_EXCEEDED)", () => {
    const heap = newHeap(64);
    const value = ref<unknown>(null);
    expect(
      WsReadType(inContent("<t>abcd</t>"), WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_STRING_TYPE, null, WS_READ_REQUIRED_VALUE, heap, value),
    ).toBe(S_OK);
    const requested = ref<unknown>(0);
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested)).toBe(S_OK);
    expect(requested.value).toBe(8); // 4 UTF-16 units
    expect(
      WsReadType(inContent("<t>5</t>"), WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_INT32_TYPE, null, WS_READ_REQUIRED_POINTER, heap, value),
    ).toBe(S_OK);
    expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, requested)).toBe(S_OK);
    expect(requested.value).toBe(12); // and an INT32 for the pointer option
    const error = newError();
    const long = "x".repeat(40);
    expect(
      WsReadType(
        inContent(`<t>${long}</t>`),
        WS_ELEMENT_CONTENT_TYPE_MAPPING,
        WS_STRING_TYPE,
        null,
        WS_READ_REQUIRED_VALUE,
        heap,
        value,
        error,
      ),
    ).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadType: allocating 80 bytes for the value would exceed the heap's maximum size of 64 bytes (12 already allocated).",
    );
    // A string needs a heap.
    expect(
      WsReadType(inContent("<t>a</t>"), WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_STRING_TYPE, null, WS_READ_REQUIRED_VALUE, null, value),
    ).toBe(E_INVALIDARG);
  });
});
