import {
  E_INVALIDARG,
  WS_BOOL_VALUE_TYPE,
  WS_DATETIME_FORMAT_UTC,
  WS_DATETIME_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
  WS_DURATION_VALUE_TYPE,
  WS_E_INVALID_FORMAT,
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
  type WS_VALUE_TYPE,
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
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { xmlString } from "../text-utils/xml-string.js";
import { formatText, type TextContext, textTypeName } from "./format-text.js";
import { formatValue } from "./format-value.js";
import { thrownBy } from "./values.test-support.js";

const context: TextContext = {
  qualifiedName: (qname) => new TextEncoder().encode(`q:${new TextDecoder().decode(qname.localName!.bytes)}`),
  localOffset: () => -480,
};
const t = (fields: object) => fields as unknown as WS_XML_TEXT;
const text = (fields: object) => new TextDecoder().decode(formatText("WsWriteText", t(fields), context));
const utf16 = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));

describe("formatText", () => {
  it("writes every WS_XML_TEXT_TYPE", () => {
    expect(text({ textType: WS_XML_TEXT_TYPE_UTF8, value: xmlString("utf8 é") })).toBe("utf8 é");
    expect(text({ textType: WS_XML_TEXT_TYPE_UTF16, bytes: utf16("utf16") })).toBe("utf16");
    expect(text({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: new TextEncoder().encode("test") })).toBe("dGVzdA==");
    expect(text({ textType: WS_XML_TEXT_TYPE_BOOL, value: true })).toBe("true");
    expect(text({ textType: WS_XML_TEXT_TYPE_INT32, value: -2147483648 })).toBe("-2147483648");
    expect(text({ textType: WS_XML_TEXT_TYPE_INT64, value: -9223372036854775808n })).toBe("-9223372036854775808");
    expect(text({ textType: WS_XML_TEXT_TYPE_UINT64, value: 18446744073709551615n })).toBe("18446744073709551615");
    expect(text({ textType: WS_XML_TEXT_TYPE_FLOAT, value: 1.1 })).toBe("1.1");
    expect(text({ textType: WS_XML_TEXT_TYPE_DOUBLE, value: 1.1 })).toBe("1.1");
    expect(text({ textType: WS_XML_TEXT_TYPE_DECIMAL, value: { scale: 2, sign: 0, Hi32: 0, Lo64: 123n } })).toBe("1.23");
    expect(text({ textType: WS_XML_TEXT_TYPE_GUID, value: new Uint8Array(16) })).toBe("00000000-0000-0000-0000-000000000000");
    expect(text({ textType: WS_XML_TEXT_TYPE_UNIQUE_ID, value: new Uint8Array(16) })).toBe("urn:uuid:00000000-0000-0000-0000-000000000000");
    expect(text({ textType: WS_XML_TEXT_TYPE_DATETIME, value: { ticks: 0n, format: WS_DATETIME_FORMAT_UTC } })).toBe(
      "0001-01-01T00:00:00Z",
    );
    expect(text({ textType: WS_XML_TEXT_TYPE_TIMESPAN, value: { ticks: -1n } })).toBe("-00:00:00.0000001");
    expect(text({ textType: WS_XML_TEXT_TYPE_QNAME, prefix: null, localName: xmlString("u"), ns: xmlString("") })).toBe("q:u");
  });

  it('separates list items with one space (WS_XML_LIST_TEXT: 123 and TRUE are "123 true")', () => {
    const list = {
      textType: WS_XML_TEXT_TYPE_LIST,
      items: [
        { textType: WS_XML_TEXT_TYPE_INT32, value: 123 },
        { textType: WS_XML_TEXT_TYPE_BOOL, value: 1 },
      ],
    };
    expect(text(list)).toBe("123 true");
    expect(text({ textType: WS_XML_TEXT_TYPE_LIST, items: [] })).toBe("");
    expect(text({ textType: WS_XML_TEXT_TYPE_LIST, items: [{ textType: WS_XML_TEXT_TYPE_UTF8, value: xmlString("") }] })).toBe("");
    expect(
      text({
        textType: WS_XML_TEXT_TYPE_LIST,
        items: [
          list,
          { textType: WS_XML_TEXT_TYPE_QNAME, prefix: null, localName: xmlString("n"), ns: null },
          { textType: WS_XML_TEXT_TYPE_BASE64, bytes: Uint8Array.of(1) },
        ],
      }),
    ).toBe("123 true q:n AQ==");
  });

  it("refuses a list that contains itself, and items that are not texts (E_INVALIDARG)", () => {
    const list: { textType: number; items: object[] } = { textType: WS_XML_TEXT_TYPE_LIST, items: [] };
    list.items.push({ textType: WS_XML_TEXT_TYPE_LIST, items: [list] });
    expect(thrownBy(() => text(list))).toEqual({
      hr: E_INVALIDARG,
      message: "WsWriteText: text.items[0].items[0] is a WS_XML_LIST_TEXT that contains itself.",
    });
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_LIST, items: [7] }))?.message).toBe(
      "WsWriteText: text.items[0] must be a WS_XML_TEXT, not number 7.",
    );
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_LIST, items: null }))?.message).toBe(
      "WsWriteText: text.items of a WS_XML_LIST_TEXT must be an array of WS_XML_TEXT, not null.",
    );
  });

  it("refuses values of the wrong type or range, naming the field (E_INVALIDARG)", () => {
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_INT32, value: 2147483648 }))).toEqual({
      hr: E_INVALIDARG,
      message: "WsWriteText: text.value of a WS_XML_INT32_TEXT must be an integer from -2147483648 to 2147483647, not number 2147483648.",
    });
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_UINT64, value: -1n }))?.message).toBe(
      "WsWriteText: text.value of a WS_XML_UINT64_TEXT must be a bigint in the unsigned 64-bit range, not bigint -1.",
    );
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_GUID, value: new Uint8Array(15) }))?.message).toBe(
      "WsWriteText: text.value of a WS_XML_GUID_TEXT must be a GUID (a Uint8Array of 16 bytes), not an object (Uint8Array).",
    );
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_DOUBLE, value: "1" }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_BOOL, value: "true" }))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_TIMESPAN, value: 5n }))?.message).toBe(
      "WsWriteText: text.value of a WS_XML_TIMESPAN_TEXT must be a WS_TIMESPAN, not bigint 5.",
    );
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_UTF8, value: "s" }))?.message).toBe(
      "WsWriteText: 'text.value' must be a WS_XML_STRING (with Uint8Array bytes), not \"s\".",
    );
    expect(thrownBy(() => text({ textType: 17 }))).toEqual({
      hr: E_INVALIDARG,
      message: "WsWriteText: text.textType number 17 is not a WS_XML_TEXT_TYPE.",
    });
  });

  it("refuses malformed UTF-16 (WS_E_INVALID_FORMAT)", () => {
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_UTF16, bytes: Uint8Array.of(0x61) }))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: "WsWriteText: UTF-16 text has an odd number of bytes (1).",
    });
    expect(thrownBy(() => text({ textType: WS_XML_TEXT_TYPE_UTF16, bytes: Uint8Array.of(0x00, 0xd8) }))?.hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("names text types", () => {
    expect(textTypeName(WS_XML_TEXT_TYPE_GUID)).toBe("WS_XML_TEXT_TYPE_GUID");
    expect(textTypeName(0)).toBeUndefined();
  });
});

describe("formatValue", () => {
  const value = (type: number, v: unknown) => formatValue("WsWriteValue", type as WS_VALUE_TYPE, v, "the value", () => -480);

  it("writes every WS_VALUE_TYPE (the integers and BOOL as Windows does)", () => {
    expect(value(WS_BOOL_VALUE_TYPE, ~0)).toBe("true");
    expect(value(WS_BOOL_VALUE_TYPE, false)).toBe("false");
    expect(value(WS_INT8_VALUE_TYPE, -128)).toBe("-128");
    expect(value(WS_INT16_VALUE_TYPE, -32768)).toBe("-32768");
    expect(value(WS_INT32_VALUE_TYPE, -2147483648)).toBe("-2147483648");
    expect(value(WS_INT64_VALUE_TYPE, -9223372036854775808n)).toBe("-9223372036854775808");
    expect(value(WS_UINT8_VALUE_TYPE, 255)).toBe("255");
    expect(value(WS_UINT16_VALUE_TYPE, 65535)).toBe("65535");
    expect(value(WS_UINT32_VALUE_TYPE, 4294967295)).toBe("4294967295");
    expect(value(WS_UINT64_VALUE_TYPE, 18446744073709551615n)).toBe("18446744073709551615");
    expect(value(WS_FLOAT_VALUE_TYPE, 0.1)).toBe("0.1");
    expect(value(WS_DOUBLE_VALUE_TYPE, 1e15)).toBe("1E+15");
    expect(value(WS_DECIMAL_VALUE_TYPE, { scale: 1, sign: 0x80, Hi32: 0, Lo64: 15n })).toBe("-1.5");
    expect(value(WS_DATETIME_VALUE_TYPE, { ticks: 0x8d3123e7df74000n, format: 1 })).toBe("2015-12-31T16:00:00-08:00");
    expect(value(WS_TIMESPAN_VALUE_TYPE, { ticks: 36_000_000_000n })).toBe("01:00:00");
    expect(value(WS_GUID_VALUE_TYPE, new Uint8Array(16))).toBe("00000000-0000-0000-0000-000000000000");
    expect(
      value(WS_DURATION_VALUE_TYPE, {
        negative: false,
        years: 0,
        months: 0,
        days: 0,
        hours: 1,
        minutes: 2,
        seconds: 3,
        milliseconds: 500,
        ticks: 0,
      }),
    ).toBe("PT1H2M3.5S");
  });

  it("refuses a missing value and values outside the C type (E_INVALIDARG)", () => {
    expect(thrownBy(() => value(WS_BOOL_VALUE_TYPE, null))).toEqual({
      hr: E_INVALIDARG,
      message: "WsWriteValue: the value is missing (null).",
    });
    expect(thrownBy(() => value(WS_INT8_VALUE_TYPE, 128))?.message).toBe(
      "WsWriteValue: the value must be an integer from -128 to 127, not number 128.",
    );
    expect(thrownBy(() => value(WS_UINT8_VALUE_TYPE, -1))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => value(WS_UINT32_VALUE_TYPE, 2 ** 32))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => value(WS_INT64_VALUE_TYPE, 1))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => value(WS_INT32_VALUE_TYPE, 1.5))?.hr).toBe(E_INVALIDARG);
    expect(thrownBy(() => value(WS_TIMESPAN_VALUE_TYPE, { ticks: 1 }))?.message).toBe(
      "WsWriteValue: the value.ticks must be a bigint in the signed 64-bit range, not number 1.",
    );
    expect(thrownBy(() => value(99, 1))).toEqual({ hr: E_INVALIDARG, message: "WsWriteValue: number 99 is not a WS_VALUE_TYPE." });
  });

  it("refuses datetimes past 9999-12-31 (WS_E_INVALID_FORMAT)", () => {
    expect(thrownBy(() => value(WS_DATETIME_VALUE_TYPE, { ticks: 0x2bca2875f4374000n, format: 0 }))?.hr).toBe(WS_E_INVALID_FORMAT);
  });
});
