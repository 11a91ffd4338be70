import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_BOOL_VALUE_TYPE,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16LE,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_DATETIME_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
  WS_DURATION_VALUE_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  WS_FLOAT_VALUE_TYPE,
  WS_GUID_VALUE_TYPE,
  WS_INT8_VALUE_TYPE,
  WS_INT16_VALUE_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_INT64_VALUE_TYPE,
  WS_TIMESPAN_VALUE_TYPE,
  WS_UINT8_VALUE_TYPE,
  WS_UINT16_VALUE_TYPE,
  WS_UINT32_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_DATETIME,
  WS_XML_TEXT_TYPE_DECIMAL,
  WS_XML_TEXT_TYPE_DOUBLE,
  WS_XML_TEXT_TYPE_FLOAT,
  WS_XML_TEXT_TYPE_GUID,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_INT64,
  WS_XML_TEXT_TYPE_LIST,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_TIMESPAN,
  WS_XML_TEXT_TYPE_UINT64,
  WS_XML_TEXT_TYPE_UNIQUE_ID,
  WS_XML_TEXT_TYPE_UTF8,
  WS_XML_TEXT_TYPE_UTF16,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteArray,
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteText,
  WsWriteValue,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

// Expected outputs marked "Windows" are what WWSAPI itself wrote in the Wine conformance tests
// (dlls/webservices/tests/writer.c), which pass against Windows.

const x = (text: string): WS_XML_STRING => xmlString(text);
const encoder = new TextEncoder();

function newWriter(): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  return writer.value!;
}

function setOutput(writer: WS_XML_WRITER, charSet = WS_CHARSET_UTF8, properties: WS_XML_WRITER_PROPERTY[] | null = null): void {
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet } as never;
  expect(WsSetOutput(writer, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, properties)).toBe(S_OK);
}

function writerWithOutput(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = newWriter();
  setOutput(writer, WS_CHARSET_UTF8, properties);
  return writer;
}

function outputBytes(writer: WS_XML_WRITER): Uint8Array {
  const value = ref<unknown>(undefined);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, value)).toBe(S_OK);
  // WS_BYTES binds to a Uint8Array (spec/README.md)
  return value.value as Uint8Array;
}

const output = (writer: WS_XML_WRITER) => new TextDecoder().decode(outputBytes(writer));

function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  return error.value!;
}

function firstString(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

const start = (w: WS_XML_WRITER, localName = "t", prefix: string | null = null, ns = "") =>
  expect(WsWriteStartElement(w, prefix === null ? null : x(prefix), x(localName), x(ns))).toBe(S_OK);
const end = (w: WS_XML_WRITER) => expect(WsWriteEndElement(w)).toBe(S_OK);
const startAttribute = (w: WS_XML_WRITER, localName = "t") => expect(WsWriteStartAttribute(w, null, x(localName), x(""), false)).toBe(S_OK);
const endAttribute = (w: WS_XML_WRITER) => expect(WsWriteEndAttribute(w)).toBe(S_OK);
const text = (fields: object) => fields as unknown as WS_XML_TEXT;
const utf8 = (s: string) => text({ textType: WS_XML_TEXT_TYPE_UTF8, value: x(s) });
const guid = text({ textType: WS_XML_TEXT_TYPE_GUID, value: new Uint8Array(16) });
const bytes = (s: string) => encoder.encode(s);

/** `<t>…</t>` with `write` as the content. */
function inElement(write: (w: WS_XML_WRITER) => number): string {
  const w = writerWithOutput();
  start(w);
  expect(write(w)).toBe(S_OK);
  end(w);
  return output(w);
}

/** `<t t="…"/>` with `write` as the attribute value. */
function inAttribute(write: (w: WS_XML_WRITER) => number): string {
  const w = writerWithOutput();
  start(w);
  startAttribute(w);
  expect(write(w)).toBe(S_OK);
  endAttribute(w);
  end(w);
  return output(w);
}

describe("WsWriteText: every text type", () => {
  it("writes the texts as Windows does (test_text_types)", () => {
    const windows: [WS_XML_TEXT, string][] = [
      [utf8("utf8"), "<t>utf8</t>"],
      [
        text({ textType: WS_XML_TEXT_TYPE_UTF16, bytes: Uint8Array.from([..."utf16"].flatMap((c) => [c.charCodeAt(0), 0])) }),
        "<t>utf16</t>",
      ],
      [guid, "<t>00000000-0000-0000-0000-000000000000</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_UNIQUE_ID, value: new Uint8Array(16) }), "<t>urn:uuid:00000000-0000-0000-0000-000000000000</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_BOOL, value: true }), "<t>true</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_INT32, value: -2147483648 }), "<t>-2147483648</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_INT64, value: -9223372036854775808n }), "<t>-9223372036854775808</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_UINT64, value: 18446744073709551615n }), "<t>18446744073709551615</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_DATETIME, value: { ticks: 0n, format: WS_DATETIME_FORMAT_UTC } }), "<t>0001-01-01T00:00:00Z</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_DOUBLE, value: 1.1 }), "<t>1.1</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: bytes("test") }), "<t>dGVzdA==</t>"],
      [text({ textType: WS_XML_TEXT_TYPE_QNAME, prefix: null, localName: x("u"), ns: x("") }), "<t>u</t>"],
    ];
    for (const [t, result] of windows) expect(inElement((w) => WsWriteText(w, t))).toBe(result);
  });

  it("writes doubles as Windows does (test_double)", () => {
    const windows: [number, string][] = [
      [0.0, "0"],
      [1.0, "1"],
      [-1.0, "-1"],
      [Number("1.0000000000000001"), "1"],
      [1.0000000000000002, "1.0000000000000002"],
      [Number("1.0000000000000003"), "1.0000000000000002"],
      [1.0000000000000004, "1.0000000000000004"],
      [100000000000000, "100000000000000"],
      [1000000000000000, "1E+15"],
      [0.1, "0.1"],
      [0.01, "1E-2"],
      [-0.1, "-0.1"],
      [-0.01, "-1E-2"],
      [1.7976931348623157e308, "1.7976931348623157E+308"],
      [-1.7976931348623157e308, "-1.7976931348623157E+308"],
      [Number.NaN, "NaN"],
      [Number.POSITIVE_INFINITY, "INF"],
      [Number.NEGATIVE_INFINITY, "-INF"],
    ];
    for (const [value, result] of windows) {
      expect(inElement((w) => WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_DOUBLE, value })))).toBe(`<t>${result}</t>`);
    }
  });

  it("writes the other number texts, timespans and lists", () => {
    const cases: [object, string][] = [
      [{ textType: WS_XML_TEXT_TYPE_FLOAT, value: Math.fround(1.1) }, "1.1"],
      [{ textType: WS_XML_TEXT_TYPE_FLOAT, value: -0 }, "-0"],
      [{ textType: WS_XML_TEXT_TYPE_DECIMAL, value: { scale: 6, sign: 0, Hi32: 0, Lo64: 5123456n } }, "5.123456"],
      [{ textType: WS_XML_TEXT_TYPE_TIMESPAN, value: { ticks: -3_440_000_000n } }, "-00:05:44"],
      [{ textType: WS_XML_TEXT_TYPE_TIMESPAN, value: { ticks: 9223372036854775807n } }, "10675199.02:48:05.4775807"],
      [
        {
          textType: WS_XML_TEXT_TYPE_LIST,
          items: [
            { textType: WS_XML_TEXT_TYPE_INT32, value: 123 },
            { textType: WS_XML_TEXT_TYPE_BOOL, value: true },
          ],
        },
        "123 true",
      ],
    ];
    for (const [t, result] of cases) expect(inElement((w) => WsWriteText(w, text(t)))).toBe(`<t>${result}</t>`);
  });

  it("writes datetimes as Windows does (test_datetime), and refuses the ones it refuses", () => {
    const windows: [bigint, number, string][] = [
      [0n, WS_DATETIME_FORMAT_UTC, "0001-01-01T00:00:00Z"],
      [0n, WS_DATETIME_FORMAT_LOCAL, "0001-01-01T00:00:00+00:00"],
      [0n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:00"],
      [1n, WS_DATETIME_FORMAT_UTC, "0001-01-01T00:00:00.0000001Z"],
      [1000000n, WS_DATETIME_FORMAT_NONE, "0001-01-01T00:00:00.1"],
      [0x2bca2875f4373fffn, WS_DATETIME_FORMAT_UTC, "9999-12-31T23:59:59.9999999Z"],
      [0x2bca2875f4373fffn, WS_DATETIME_FORMAT_NONE, "9999-12-31T23:59:59.9999999"],
      [0x8c1505f0e438000n, WS_DATETIME_FORMAT_UTC, "2000-02-29T00:00:00Z"],
    ];
    for (const [ticks, format, result] of windows) {
      expect(inElement((w) => WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_DATETIME, value: { ticks, format } })))).toBe(
        `<t>${result}</t>`,
      );
    }
    for (const [ticks, format] of [
      [0x2bca2875f4374000n, WS_DATETIME_FORMAT_UTC],
      [0n, WS_DATETIME_FORMAT_NONE + 1],
    ] as const) {
      const w = writerWithOutput();
      start(w);
      expect(WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_DATETIME, value: { ticks, format } }))).toBe(WS_E_INVALID_FORMAT);
    }
  });

  it("writes a local datetime in the process's time zone", () => {
    const ms = Date.UTC(2016, 0, 1);
    const offset = -new Date(ms).getTimezoneOffset();
    const zone = `${offset < 0 ? "-" : "+"}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
    const local = new Date(ms + offset * 60000).toISOString().slice(0, 19);
    const value = { ticks: 0x8d3123e7df74000n, format: WS_DATETIME_FORMAT_LOCAL };
    expect(inElement((w) => WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_DATETIME, value })))).toBe(`<t>${local}${zone}</t>`);
  });

  it("concatenates texts of any types in element content (Windows)", () => {
    const w = writerWithOutput();
    start(w);
    expect(WsWriteText(w, guid)).toBe(S_OK);
    expect(output(w)).toBe("<t>00000000-0000-0000-0000-000000000000");
    expect(WsWriteText(w, guid)).toBe(S_OK);
    expect(WsWriteText(w, utf8("test"))).toBe(S_OK);
    expect(output(w)).toBe("<t>00000000-0000-0000-0000-00000000000000000000-0000-0000-0000-000000000000test");
  });

  it("writes a GUID once in an attribute (Windows: a second one is WS_E_INVALID_OPERATION)", () => {
    const w = writerWithOutput();
    start(w);
    startAttribute(w, "a");
    expect(WsWriteText(w, guid)).toBe(S_OK);
    expect(output(w)).toBe("");
    expect(WsWriteText(w, guid)).toBe(WS_E_INVALID_OPERATION);
    expect(inAttribute((v) => WsWriteText(v, guid))).toBe('<t t="00000000-0000-0000-0000-000000000000"/>');
  });

  it("writes texts into CDATA as they are (Windows)", () => {
    const w = writerWithOutput();
    start(w);
    expect(WsWriteStartCData(w)).toBe(S_OK);
    expect(WsWriteText(w, utf8("test"))).toBe(S_OK);
    expect(WsWriteText(w, guid)).toBe(S_OK);
    expect(WsWriteEndCData(w)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t><![CDATA[test00000000-0000-0000-0000-000000000000]]></t>");
  });

  it("writes text in the output's charset", () => {
    const w = newWriter();
    setOutput(w, WS_CHARSET_UTF16LE);
    start(w);
    expect(WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_DOUBLE, value: 1e15 }))).toBe(S_OK);
    end(w);
    expect(Buffer.from(outputBytes(w)).toString("utf16le")).toBe("<t>1E+15</t>");
  });

  it("refuses a bad value with E_INVALIDARG and writes on", () => {
    const w = writerWithOutput();
    start(w);
    const error = newError();
    expect(WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_GUID, value: new Uint8Array(4) }), error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      "WsWriteText: text.value of a WS_XML_GUID_TEXT must be a GUID (a Uint8Array of 16 bytes), not an object (Uint8Array).",
    );
    expect(WsWriteText(w, guid)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t>00000000-0000-0000-0000-000000000000</t>");
  });
});

describe("WsWriteValue", () => {
  const windows: [number, unknown, string][] = [
    [WS_BOOL_VALUE_TYPE, ~0, "true"],
    [WS_BOOL_VALUE_TYPE, false, "false"],
    [WS_INT8_VALUE_TYPE, -128, "-128"],
    [WS_INT16_VALUE_TYPE, -32768, "-32768"],
    [WS_INT32_VALUE_TYPE, -2147483648, "-2147483648"],
    [WS_INT64_VALUE_TYPE, -9223372036854775808n, "-9223372036854775808"],
    [WS_UINT8_VALUE_TYPE, 255, "255"],
    [WS_UINT16_VALUE_TYPE, 65535, "65535"],
    [WS_UINT32_VALUE_TYPE, 4294967295, "4294967295"],
    [WS_UINT64_VALUE_TYPE, 18446744073709551615n, "18446744073709551615"],
  ];

  it("writes element content and attribute values as Windows does (test_WsWriteValue)", () => {
    for (const [type, value, result] of windows) {
      expect(inElement((w) => WsWriteValue(w, type as never, value))).toBe(`<t>${result}</t>`);
      expect(inAttribute((w) => WsWriteValue(w, type as never, value))).toBe(`<t t="${result}"/>`);
    }
  });

  it("writes the other value types", () => {
    const cases: [number, unknown, string][] = [
      [WS_FLOAT_VALUE_TYPE, 3.4028234663852886e38, "3.4028235E+38"],
      [WS_DOUBLE_VALUE_TYPE, 5e-324, "5E-324"],
      [WS_DECIMAL_VALUE_TYPE, { scale: 28, sign: 0x80, Hi32: 0xffffffff, Lo64: 0xffffffffffffffffn }, "-7.9228162514264337593543950335"],
      [WS_DATETIME_VALUE_TYPE, { ticks: 0x8d46035e7870000n, format: WS_DATETIME_FORMAT_UTC }, "2017-03-01T00:00:00Z"],
      [WS_TIMESPAN_VALUE_TYPE, { ticks: -9223372036854775808n }, "-10675199.02:48:05.4775808"],
      [WS_GUID_VALUE_TYPE, Uint8Array.from({ length: 16 }, (_, i) => i), "03020100-0504-0706-0809-0a0b0c0d0e0f"],
      [
        WS_DURATION_VALUE_TYPE,
        { negative: true, years: 1, months: 0, days: 2, hours: 0, minutes: 0, seconds: 3, milliseconds: 4, ticks: 5 },
        "-P1Y2DT3.0040005S",
      ],
    ];
    for (const [type, value, result] of cases) expect(inElement((w) => WsWriteValue(w, type as never, value))).toBe(`<t>${result}</t>`);
  });

  it("needs output, an element and a value (Windows: WS_E_INVALID_OPERATION, WS_E_INVALID_FORMAT, E_INVALIDARG)", () => {
    const w = newWriter();
    expect(WsWriteValue(w, WS_BOOL_VALUE_TYPE, true)).toBe(WS_E_INVALID_OPERATION);
    setOutput(w);
    expect(WsWriteValue(w, WS_BOOL_VALUE_TYPE, true)).toBe(WS_E_INVALID_FORMAT);
    setOutput(w);
    start(w);
    const error = newError();
    expect(WsWriteValue(w, WS_BOOL_VALUE_TYPE, null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsWriteValue: the value is missing (null).");
    expect(WsWriteValue(w, WS_INT8_VALUE_TYPE, 200, error)).toBe(E_INVALIDARG);
    expect(WsWriteValue(w, WS_INT8_VALUE_TYPE, 100)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t>100</t>");
  });

  it("is written once in an attribute and not mixed with other text there", () => {
    const w = writerWithOutput();
    start(w);
    startAttribute(w);
    expect(WsWriteValue(w, WS_INT32_VALUE_TYPE, 1)).toBe(S_OK);
    expect(WsWriteValue(w, WS_INT32_VALUE_TYPE, 2)).toBe(WS_E_INVALID_OPERATION);
    const v = writerWithOutput();
    start(v);
    startAttribute(v);
    expect(WsWriteText(v, utf8("a"))).toBe(S_OK);
    const error = newError();
    expect(WsWriteValue(v, WS_INT32_VALUE_TYPE, 2, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsWriteValue: an attribute value written with WsWriteText (text type 1) cannot continue with WsWriteValue.",
    );
  });
});

describe("WsWriteBytes", () => {
  it("writes base64 as Windows does (test_WsWriteBytes)", () => {
    const w = newWriter();
    expect(WsWriteBytes(w, new Uint8Array(0))).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteBytes(w, bytes("test\0"))).toBe(WS_E_INVALID_OPERATION);
    setOutput(w);
    expect(WsWriteBytes(w, bytes("test\0"))).toBe(WS_E_INVALID_FORMAT);
    expect(inElement((v) => WsWriteBytes(v, bytes("test\0")))).toBe("<t>dGVzdAA=</t>");
    expect(inAttribute((v) => WsWriteBytes(v, bytes("test\0")))).toBe('<t t="dGVzdAA="/>');
  });

  it("joins successive calls into one base64 text, keeping back what does not fill 3 bytes", () => {
    const w = writerWithOutput();
    start(w);
    // No query in between: WS_XML_WRITER_PROPERTY_BYTES writes out the bytes held back
    // (writer/base64-tail.test.ts), which ends the base64 text.
    expect(WsWriteBytes(w, bytes("a"))).toBe(S_OK);
    expect(WsWriteBytes(w, bytes("bcd"))).toBe(S_OK);
    expect(WsWriteBytes(w, bytes("e"))).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t>YWJjZGU=</t>");
    expect(
      inAttribute((v) => {
        for (const piece of ["a", "b", "c", "d"]) expect(WsWriteBytes(v, bytes(piece))).toBe(S_OK);
        return S_OK;
      }),
    ).toBe('<t t="YWJjZA=="/>');
  });

  it("ends the base64 text with padding before other content", () => {
    expect(
      inElement((w) => {
        expect(WsWriteBytes(w, bytes("ab"))).toBe(S_OK);
        return WsWriteChars(w, "x");
      }),
    ).toBe("<t>YWI=x</t>");
    const w = writerWithOutput();
    start(w);
    expect(WsWriteBytes(w, bytes("ab"))).toBe(S_OK);
    start(w, "u");
    end(w);
    end(w);
    expect(output(w)).toBe("<t>YWI=<u/></t>");
    const v = writerWithOutput();
    start(v);
    expect(WsWriteStartCData(v)).toBe(S_OK);
    expect(WsWriteBytes(v, bytes("a"))).toBe(S_OK);
    expect(WsWriteEndCData(v)).toBe(S_OK);
    end(v);
    expect(output(v)).toBe("<t><![CDATA[YQ==]]></t>");
  });

  it("continues base64 texts written with WsWriteText in element content", () => {
    expect(
      inElement((w) => {
        expect(WsWriteBytes(w, bytes("a"))).toBe(S_OK);
        expect(WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: bytes("b") }))).toBe(S_OK);
        return WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: bytes("c") }));
      }),
    ).toBe("<t>YWJj</t>");
    expect(
      inAttribute((w) => {
        expect(WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: bytes("te") }))).toBe(S_OK);
        return WsWriteText(w, text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: bytes("st") }));
      }),
    ).toBe('<t t="dGVzdA=="/>');
  });

  it("is not mixed with other text functions in an attribute (WsWriteBytes)", () => {
    const w = writerWithOutput();
    start(w);
    startAttribute(w);
    expect(WsWriteBytes(w, bytes("a"))).toBe(S_OK);
    expect(WsWriteText(w, utf8("b"))).toBe(WS_E_INVALID_OPERATION);
    const v = writerWithOutput();
    start(v);
    startAttribute(v);
    expect(WsWriteText(v, text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: bytes("a") }))).toBe(S_OK);
    expect(WsWriteBytes(v, bytes("b"))).toBe(WS_E_INVALID_OPERATION);
  });

  it("writes nothing for no bytes: the element stays empty (Windows: WS_BYTES_TYPE of length 0 is <t/>)", () => {
    expect(inElement((w) => WsWriteBytes(w, new Uint8Array(0)))).toBe("<t/>");
  });

  it("writes bytes at the root of a fragment", () => {
    const w = writerWithOutput([{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }]);
    expect(WsWriteBytes(w, bytes("a"))).toBe(S_OK);
    start(w);
    end(w);
    expect(output(w)).toBe("YQ==<t/>");
  });
});

describe("WsWriteArray", () => {
  const item = x("item");
  const ns = x("");

  it("writes repeated elements as Windows does (test_WsWriteArray)", () => {
    const w = newWriter();
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, null, 0, 0)).toBe(WS_E_INVALID_OPERATION);
    setOutput(w);
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, null, 0, 0)).toBe(S_OK);
    expect(output(w)).toBe("");
    const array = [false, false];
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, array, 0, 0)).toBe(S_OK);
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, null, 0, 1)).toBe(E_INVALIDARG);
    expect(output(w)).toBe("");
    setOutput(w);
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, array, 0, 1)).toBe(S_OK);
    expect(output(w)).toBe("<item>false</item>");
    setOutput(w);
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, array, 0, 3)).toBe(E_INVALIDARG);
    setOutput(w);
    start(w, "array");
    array[1] = true;
    expect(WsWriteArray(w, item, ns, WS_BOOL_VALUE_TYPE, array, 0, 2)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<array><item>false</item><item>true</item></array>");
  });

  it("takes typed arrays and an item offset", () => {
    const w = writerWithOutput();
    start(w, "a");
    expect(WsWriteArray(w, item, x("urn:n"), WS_INT32_VALUE_TYPE, Int32Array.of(1, -2, 3), 1, 2)).toBe(S_OK);
    expect(WsWriteArray(w, x("i"), ns, WS_INT64_VALUE_TYPE, BigInt64Array.of(-9223372036854775808n), 0, 1)).toBe(S_OK);
    expect(WsWriteArray(w, x("f"), ns, WS_FLOAT_VALUE_TYPE, Float32Array.of(0.1, 1e15), 0, 2)).toBe(S_OK);
    expect(WsWriteArray(w, x("g"), ns, WS_GUID_VALUE_TYPE, [new Uint8Array(16)], 0, 1)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe(
      '<a><item xmlns="urn:n">-2</item><item xmlns="urn:n">3</item><i>-9223372036854775808</i><f>0.1</f><f>1E+15</f><g>00000000-0000-0000-0000-000000000000</g></a>',
    );
  });

  it("checks every item before it writes any", () => {
    const w = writerWithOutput();
    start(w, "a");
    const error = newError();
    expect(WsWriteArray(w, item, ns, WS_UINT8_VALUE_TYPE, [1, 2, 256], 0, 3, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsWriteArray: array[2] must be an integer from 0 to 255, not number 256.");
    expect(WsWriteArray(w, item, ns, WS_UINT8_VALUE_TYPE, "123", 0, 3, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsWriteArray: 'array' must be an array or a typed array, not \"123\".");
    expect(WsWriteArray(w, item, ns, WS_UINT8_VALUE_TYPE, [1], 1, 1, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsWriteArray: items 1 to 1 were asked for, but the array has 1.");
    end(w);
    expect(output(w)).toBe("<a/>");
  });

  it("checks the names as WsWriteStartElement does", () => {
    const w = writerWithOutput();
    start(w, "a");
    expect(WsWriteArray(w, x("not a name"), ns, WS_BOOL_VALUE_TYPE, [true], 0, 1)).toBe(WS_E_INVALID_FORMAT);
  });
});
