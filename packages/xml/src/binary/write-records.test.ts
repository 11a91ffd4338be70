import { E_INVALIDARG } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { ByteWriter } from "../shared/byte-writer.js";
import { readRecords } from "./read-records.js";
import type { DecodedRecord, ElementRecord, NbfxRecord, TextValue } from "./records.js";
import { staticDictionaryId } from "./static-dictionary.js";
import { decimalFromParts, decimalParts, decimalToString, uuidFromString, uuidToString } from "./value-formats.js";
import { writeRecords } from "./write-records.js";

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));
const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
const strip = (records: readonly DecodedRecord[]) => records.map(({ offset: _o, recordType: _t, ...r }) => r as NbfxRecord);
const el = (name: string, prefix = ""): ElementRecord => ({ kind: "element", prefix, name });
const d = (text: string) => ({ dictionaryId: staticDictionaryId(text)! });
const end: NbfxRecord = { kind: "endElement" };
const txt = (value: TextValue, withEndElement = false) => ({ kind: "text", ...value, withEndElement }) as NbfxRecord;

function rejected(records: readonly NbfxRecord[], ...fragments: string[]): string {
  try {
    writeRecords(records);
  } catch (error) {
    expect(error).toBeInstanceOf(WsError);
    expect((error as WsError).hr).toBe(E_INVALIDARG);
    for (const fragment of fragments) expect((error as WsError).message).toContain(fragment);
    return (error as WsError).message;
  }
  throw new Error("expected a WsError");
}

describe("writeRecords chooses the record type WCF writes for each prefix and name", () => {
  it("elements, attributes and namespace declarations in all their forms", () => {
    const records: NbfxRecord[] = [
      { kind: "element", prefix: "s", name: d("Envelope") },
      { kind: "xmlns", prefix: "s", namespace: d("http://www.w3.org/2003/05/soap-envelope") },
      { kind: "xmlns", prefix: "", namespace: d("http://www.w3.org/2005/08/addressing") },
      { kind: "xmlns", prefix: "", namespace: "urn:x" },
      { kind: "xmlns", prefix: "ns1", namespace: "urn:y" },
      { kind: "attribute", prefix: "s", name: d("mustUnderstand"), value: { textType: "one" } },
      { kind: "attribute", prefix: "", name: d("Id"), value: { textType: "zero" } },
      { kind: "attribute", prefix: "ns1", name: d("Id"), value: { textType: "zero" } },
      { kind: "attribute", prefix: "ns1", name: "x", value: { textType: "zero" } },
      { kind: "attribute", prefix: "k", name: "x", value: { textType: "zero" } },
      { kind: "element", prefix: "", name: d("Body") },
      { kind: "element", prefix: "wsu", name: d("Timestamp") },
      { kind: "element", prefix: "b", name: "x" },
      { kind: "element", prefix: "B", name: "x" },
    ];
    const bytes = writeRecords(records);
    expect(toHex(bytes)).toBe(
      [
        "56 02", // PrefixDictionaryElementS Envelope
        "0B 01 73 04", // DictionaryXmlnsAttribute s
        "0A 06", // ShortDictionaryXmlnsAttribute
        "08 05 75 72 6E 3A 78", // ShortXmlnsAttribute
        "09 03 6E 73 31 05 75 72 6E 3A 79", // XmlnsAttribute ns1
        "1E 00 82", // PrefixDictionaryAttributeS mustUnderstand
        "06 1C 80", // ShortDictionaryAttribute Id
        "07 03 6E 73 31 1C 80", // DictionaryAttribute ns1:Id
        "05 03 6E 73 31 01 78 80", // Attribute ns1:x
        "30 01 78 80", // PrefixAttributeK
        "42 0E", // ShortDictionaryElement Body
        "43 03 77 73 75 6A", // DictionaryElement wsu:Timestamp
        "5F 01 78", // PrefixElementB
        "41 01 42 01 78", // Element B:x (upper case has no range)
      ].join(" "),
    );
    // Read without resolving ids, the records come back exactly as given.
    expect(strip(readRecords(bytes, { dictionary: "none", allowOpenElements: true }))).toEqual(records);
  });
});

describe("every text type and every Array value type survives write then read", () => {
  const values: TextValue[] = [
    { textType: "zero" },
    { textType: "one" },
    { textType: "false" },
    { textType: "true" },
    { textType: "int8", value: -128 },
    { textType: "int16", value: 32767 },
    { textType: "int32", value: -2147483648 },
    { textType: "int64", value: -(1n << 63n) },
    { textType: "uint64", value: (1n << 64n) - 1n },
    { textType: "float", value: Number.POSITIVE_INFINITY },
    { textType: "float", value: -0 },
    { textType: "double", value: Number.NaN },
    { textType: "double", value: Number.MIN_VALUE },
    { textType: "decimal", value: decimalFromParts({ scale: 2, negative: true, mantissa: 12345n }) },
    { textType: "dateTime", value: { ticks: 638000000000000000n, kind: "utc" } },
    { textType: "dateTime", value: { ticks: 0n, kind: "local" } },
    { textType: "chars8", value: "" },
    { textType: "chars16", value: "é".repeat(200) },
    { textType: "chars32", value: "\u{1F600} \uFEFF BOM kept" },
    { textType: "bytes8", value: new Uint8Array(255).fill(7) },
    { textType: "bytes16", value: new Uint8Array(300).fill(8) },
    { textType: "bytes32", value: new Uint8Array(0) },
    { textType: "empty" },
    { textType: "dictionary", value: { dictionaryId: 0x3cc } },
    { textType: "uniqueId", value: uuidFromString("urn:uuid:33221100-5544-7766-8899-aabbccddeeff") },
    { textType: "timeSpan", value: -1n },
    { textType: "uuid", value: new Uint8Array(16).fill(0xab) },
    { textType: "bool", value: true },
    { textType: "unicodeChars8", value: "uni" },
    { textType: "unicodeChars16", value: "\u{1F600}" },
    { textType: "unicodeChars32", value: "x".repeat(1000) },
    { textType: "qnameDictionary", value: { prefix: "z", name: { dictionaryId: 0x3a2 } } },
  ];

  it("as element content and with end element", () => {
    const records: NbfxRecord[] = [el("e")];
    for (const value of values) records.push(txt(value), el("v"), txt(value, true));
    records.push(end);
    const decoded = strip(readRecords(writeRecords(records), { dictionary: "none" }));
    expect(decoded).toEqual(records);
    expect(Object.is((decoded[31] as { value: number }).value, -0)).toBe(true);
  });

  it("as attribute values and lists", () => {
    const records: NbfxRecord[] = [el("e")];
    values.forEach((value, i) => {
      records.push({ kind: "attribute", prefix: "", name: `a${i}`, value });
    });
    records.push({ kind: "attribute", prefix: "", name: "list", value: { list: values.filter((v) => v.textType !== "zero") } });
    records.push({ kind: "attribute", prefix: "", name: "empty", value: { list: [] } });
    records.push(end);
    expect(strip(readRecords(writeRecords(records), { dictionary: "none" }))).toEqual(records);
  });

  it("Array records of each value type (2.3.3)", () => {
    const arrays: NbfxRecord[] = [
      { kind: "array", element: el("b"), attributes: [], items: { itemType: "bool", values: [true, false] } },
      { kind: "array", element: el("s"), attributes: [], items: { itemType: "int16", values: [-1, 2] } },
      {
        kind: "array",
        element: el("i", "p"),
        attributes: [{ kind: "xmlns", prefix: "p", namespace: "urn:p" }],
        items: { itemType: "int32", values: Array.from({ length: 200 }, (_, i) => i * 1000) },
      },
      { kind: "array", element: el("l"), attributes: [], items: { itemType: "int64", values: [1n << 40n] } },
      { kind: "array", element: el("f"), attributes: [], items: { itemType: "float", values: [Math.fround(0.1)] } },
      { kind: "array", element: el("d"), attributes: [], items: { itemType: "double", values: [0.1, -2] } },
      {
        kind: "array",
        element: el("m"),
        attributes: [{ kind: "attribute", prefix: "", name: "x", value: { textType: "true" } }],
        items: { itemType: "decimal", values: [decimalFromParts({ scale: 0, negative: false, mantissa: 1n })] },
      },
      { kind: "array", element: el("t"), attributes: [], items: { itemType: "dateTime", values: [{ ticks: 1n, kind: "unspecified" }] } },
      { kind: "array", element: el("ts"), attributes: [], items: { itemType: "timeSpan", values: [-5n, 5n] } },
      { kind: "array", element: el("u"), attributes: [], items: { itemType: "uuid", values: [new Uint8Array(16)] } },
    ];
    const records = [el("root"), ...arrays, end];
    const bytes = writeRecords(records);
    expect(strip(readRecords(bytes))).toEqual(records);
    // 200 values: the length is a 2-byte MultiByteInt31 (C8 01).
    expect(toHex(bytes)).toContain("01 8D C8 01 00 00 00 00 E8 03 00 00");
  });

  it("a comment", () => {
    expect(writeRecords([{ kind: "comment", text: "comment" }])).toEqual(hex("02 07 63 6F 6D 6D 65 6E 74"));
  });
});

describe("writeRecords refuses records it cannot encode (E_INVALIDARG, naming the record)", () => {
  it("attributes out of place", () => {
    expect(rejected([{ kind: "attribute", prefix: "", name: "a", value: { textType: "zero" } }])).toBe(
      "binary XML writer: attribute record that does not follow an element or attribute record (record 0)",
    );
    rejected([el("e"), txt({ textType: "zero" }), { kind: "xmlns", prefix: "", namespace: "x" }], "(record 2)");
  });

  it("names and prefixes", () => {
    rejected([el("")], 'element name ""');
    rejected([el("xmlns")], "element name");
    rejected([el("x", "xmlns")], 'element prefix "xmlns"');
    rejected(
      [el("e"), { kind: "attribute", prefix: "xmlns", name: "a", value: { textType: "zero" } }],
      "use an xmlns record",
      "(record 1)",
    );
    rejected([el("e"), { kind: "xmlns", prefix: "xmlns", namespace: "x" }], 'xmlns prefix "xmlns"');
    rejected([{ kind: "element", prefix: "", name: { dictionaryId: -1 } }], "dictionary id -1");
    rejected([{ kind: "element", prefix: "", name: { dictionaryId: 2 ** 31 } }], "dictionary id 2147483648");
  });

  it("values out of their record's range", () => {
    const content = (value: TextValue, withEndElement = false) => rejected([el("e"), txt(value, withEndElement)], "(record 1)");
    content({ textType: "int8", value: 128 });
    content({ textType: "int16", value: -32769 });
    content({ textType: "int32", value: 1.5 });
    content({ textType: "int64", value: 1 as unknown as bigint });
    content({ textType: "uint64", value: -1n });
    content({ textType: "chars8", value: "x".repeat(256) });
    content({ textType: "unicodeChars8", value: "x".repeat(128) });
    content({ textType: "bytes16", value: new Uint8Array(65536) });
    content({ textType: "chars8", value: "\ud800" });
    content({ textType: "unicodeChars16", value: "a\udc00" });
    content({ textType: "uuid", value: new Uint8Array(15) });
    content({
      textType: "decimal",
      value: decimalFromParts({ scale: 28, negative: false, mantissa: 0n }).map((b, i) => (i === 2 ? 29 : b)),
    });
    content({ textType: "dateTime", value: { ticks: 3155378976000000000n, kind: "utc" } });
    content({ textType: "dateTime", value: { ticks: 0n, kind: "elsewhere" as "utc" } });
    content({ textType: "bool", value: 1 as unknown as boolean });
    content({ textType: "qnameDictionary", value: { prefix: "ab", name: { dictionaryId: 0 } } });
    content({ textType: "startList" }, true);
  });

  it("lists that are not written with { list }", () => {
    rejected([el("e"), { kind: "attribute", prefix: "", name: "a", value: { textType: "startList" } }], "use { list }");
    rejected([el("e"), { kind: "attribute", prefix: "", name: "a", value: { list: [{ textType: "endList" }] } }], "endList text inside");
  });

  it("arrays without values, and unknown kinds", () => {
    rejected(
      [{ kind: "array", element: { kind: "element", prefix: "", name: "a" }, attributes: [], items: { itemType: "int32", values: [] } }],
      "no values",
    );
    rejected([{ kind: "bogus" } as unknown as NbfxRecord], 'unknown record kind "bogus"');
  });
});

describe("ByteWriter", () => {
  it("grows past its capacity in the middle of any write", () => {
    const out = new ByteWriter(1);
    out.u8(1);
    out.u16(0x0302);
    out.i16(-1);
    out.u32(0x07060504);
    out.i32(-2);
    out.u64(0x0f0e0d0c0b0a0908n);
    out.i64(-3n);
    out.f32(1);
    out.f64(1);
    out.multiByteInt31(0x7fffffff);
    out.bytes(new Uint8Array(100).fill(9));
    const bytes = out.toBytes();
    expect(bytes.length).toBe(1 + 2 + 2 + 4 + 4 + 8 + 8 + 4 + 8 + 5 + 100);
    expect(toHex(bytes.subarray(0, 11))).toBe("01 02 03 FF FF 04 05 06 07 FE FF");
    expect(toHex(bytes.subarray(41, 46))).toBe("FF FF FF FF 07");
    expect(bytes.at(-1)).toBe(9);
  });
});

describe("value-formats: GUID and DECIMAL layouts", () => {
  it("prints a UUID the way [MC-NBFX] 2.2.3.24 does, and parses it back", () => {
    const bytes = hex("00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF");
    expect(uuidToString(bytes)).toBe("33221100-5544-7766-8899-aabbccddeeff");
    expect(uuidFromString("33221100-5544-7766-8899-AABBCCDDEEFF")).toEqual(bytes);
    expect(() => uuidFromString("not a uuid")).toThrow(RangeError);
  });

  it("reads the DECIMAL of section 3 (5.123456) and the largest one", () => {
    expect(decimalParts(hex("00 00 06 00 00 00 00 00 80 2D 4E 00 00 00 00 00"))).toEqual({ scale: 6, negative: false, mantissa: 5123456n });
    expect(decimalToString(hex("00 00 00 00 FF FF FF FF FF FF FF FF FF FF FF FF"))).toBe("79228162514264337593543950335");
    expect(decimalToString(decimalFromParts({ scale: 3, negative: true, mantissa: 1500n }))).toBe("-1.5");
    expect(decimalToString(decimalFromParts({ scale: 4, negative: false, mantissa: 5n }))).toBe("0.0005");
    expect(decimalToString(decimalFromParts({ scale: 2, negative: true, mantissa: 0n }))).toBe("0");
  });
});
