import {
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
} from "@wwsapi/core";
import type { NbfxRecord } from "../../src/binary/records.js";
import { staticDictionaryId } from "../../src/binary/static-dictionary.js";
import { writeRecords } from "../../src/binary/write-records.js";
import { at, atByte, bytes, type MalformedCase, utf8 } from "./malformed-case.js";

/*
 * The generated part of the corpus: every truncation of a small SOAP envelope (text and binary),
 * and the floods and bombs, whose inputs are built only when their test runs. A flood must end in
 * its quota error (or, with the quota raised, in success) within a bounded time and heap: the
 * readers are iterative, so depth costs no stack, and every length is checked before it is used.
 */

const INVALID = WS_E_INVALID_FORMAT;
const QUOTA = WS_E_QUOTA_EXCEEDED;
const property = (id: number, value: unknown): WS_XML_READER_PROPERTY => ({ id, value }) as WS_XML_READER_PROPERTY;
/** Generous bounds: tens of ms and a few MB are expected; these catch the unbounded and the quadratic. */
const FLOOD = { ms: 3000, heapMB: 64 } as const;

// --- truncations ---------------------------------------------------------------------------

/** A small SOAP 1.2 envelope touching most of the text syntax: declaration, namespaces, attributes, references, non-ASCII, a comment, CDATA. */
export const TEXT_ENVELOPE =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
  '<s:Header><a:Action s:mustUnderstand="1">urn:add</a:Action></s:Header>' +
  "<s:Body><!-- c --><Add xmlns=\"urn:calc\" note='é &amp; ü'><x>1 &lt; 2</x><y><![CDATA[<2>]]></y></Add></s:Body></s:Envelope>";

/** An end tag whose whole name is present when the input stops (the name the reader then compares). */
const COMPLETE_END_TAG = /<\/(s:Envelope|s:Header|s:Body|a:Action|Add|x|y)$/;

/**
 * Cuts that stop inside markup the reader could otherwise misread (an end tag after its name, a
 * comment after "--", "<?xml"): the message must say that the input ends.
 */
function cutInsideMarkup(prefix: string): boolean {
  return COMPLETE_END_TAG.test(prefix) || /<!--[^>]*--$/.test(prefix) || prefix === "<?xml";
}

/**
 * Every proper prefix of TEXT_ENVELOPE: WS_E_INVALID_FORMAT from the text reader, with a message
 * that names a position inside the prefix. Where a known bug makes the message contradict the
 * input, the case expects the message to say that the input ends (see truncationBug).
 */
export function textTruncations(): MalformedCase[] {
  const all = utf8(TEXT_ENVELOPE);
  const cases: MalformedCase[] = [];
  for (let length = 0; length < all.length; length++) {
    const input = all.subarray(0, length);
    const tail = new TextDecoder().decode(all.subarray(Math.max(0, length - 12), length));
    const endsInside = cutInsideMarkup(new TextDecoder().decode(input));
    const c: MalformedCase = {
      name: `text cut at byte ${length} (…${JSON.stringify(tail)})`,
      input,
      hr: INVALID,
      message: endsInside ? ["XML reader: the input ends"] : ["XML reader: "],
      positionAtMost: length,
    };
    cases.push(c);
  }
  return cases;
}

const id = (text: string) => {
  const value = staticDictionaryId(text);
  if (value === undefined) throw new Error(`"${text}" is not in the [MC-NBFS] dictionary`);
  return { dictionaryId: value };
};

/**
 * A SOAP 1.2 envelope in [MC-NBFS] binary, with the static dictionary: dictionary names and
 * namespaces, a letter-prefixed attribute, typed text (One, UniqueId, Int32, UnicodeChars8,
 * Chars8 with non-ASCII), a comment, a default namespace declaration and an Array record.
 */
export const BINARY_ENVELOPE_RECORDS: readonly NbfxRecord[] = [
  { kind: "element", prefix: "s", name: id("Envelope") },
  { kind: "xmlns", prefix: "a", namespace: id("http://www.w3.org/2005/08/addressing") },
  { kind: "xmlns", prefix: "s", namespace: id("http://www.w3.org/2003/05/soap-envelope") },
  { kind: "element", prefix: "s", name: id("Header") },
  { kind: "element", prefix: "a", name: id("Action") },
  { kind: "attribute", prefix: "s", name: id("mustUnderstand"), value: { textType: "one" } },
  { kind: "text", textType: "chars8", value: "urn:add", withEndElement: true },
  { kind: "element", prefix: "a", name: id("MessageID") },
  { kind: "text", textType: "uniqueId", value: Uint8Array.from({ length: 16 }, (_, i) => i * 17), withEndElement: true },
  { kind: "endElement" },
  { kind: "element", prefix: "s", name: id("Body") },
  { kind: "comment", text: "c" },
  { kind: "element", prefix: "", name: "Add" },
  { kind: "xmlns", prefix: "", namespace: "urn:calc" },
  { kind: "attribute", prefix: "", name: "note", value: { textType: "chars8", value: "é & ü" } },
  { kind: "element", prefix: "", name: "x" },
  { kind: "text", textType: "int32", value: 123456, withEndElement: true },
  { kind: "element", prefix: "", name: "y" },
  { kind: "text", textType: "unicodeChars8", value: "€2", withEndElement: true },
  { kind: "array", element: { kind: "element", prefix: "", name: "v" }, attributes: [], items: { itemType: "int32", values: [1, 2] } },
  { kind: "endElement" },
  { kind: "endElement" },
  { kind: "endElement" },
];

export const BINARY_ENVELOPE: Uint8Array = writeRecords(BINARY_ENVELOPE_RECORDS);

/**
 * Every proper prefix of BINARY_ENVELOPE: WS_E_INVALID_FORMAT from the binary reader (read with
 * the [MC-NBFS] dictionary), naming a byte inside the prefix.
 */
export function binaryTruncations(): MalformedCase[] {
  return Array.from({ length: BINARY_ENVELOPE.length }, (_, length) => ({
    name: `binary cut at byte ${length}`,
    input: BINARY_ENVELOPE.subarray(0, length),
    hr: INVALID,
    message: ["binary XML: "],
    positionAtMost: length,
    dictionaries: "soap" as const,
  }));
}

// --- floods and bombs: text ------------------------------------------------------------------

/** `<a>` repeated `depth` times, closed again when `closed`. */
const nestedText = (depth: number, closed = true) => utf8("<a>".repeat(depth) + (closed ? "</a>".repeat(depth) : ""));
const attributesText = (n: number) => {
  const parts = ["<a"];
  for (let i = 0; i < n; i++) parts.push(` a${i}="${i}"`);
  parts.push("/>");
  return utf8(parts.join(""));
};
const declarationsText = (n: number) => {
  const parts = ["<a"];
  for (let i = 0; i < n; i++) parts.push(` xmlns:p${i}="urn:${i}"`);
  parts.push("/>");
  return utf8(parts.join(""));
};
/** The billion-laughs pattern with `levels` levels of `fanOut` references each: fanOut^levels expanded. */
const laughs = (levels: number, fanOut: number) => {
  const entities = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i <= levels; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(fanOut)}">`);
  return utf8(`<!DOCTYPE bomb [${entities.join("")}]><bomb>&l${levels};</bomb>`);
};
/** The quadratic blowup: one large entity referred to many times. */
const quadratic = (size: number, references: number) =>
  utf8(`<!DOCTYPE q [<!ENTITY x "${"x".repeat(size)}">]><q>${"&x;".repeat(references)}</q>`);

const flood = (name: string, input: () => Uint8Array, hr: number, ...message: string[]): MalformedCase => ({
  name,
  input,
  hr,
  message,
  budget: FLOOD,
});
const withProperties = (c: MalformedCase, ...properties: WS_XML_READER_PROPERTY[]): MalformedCase => ({ ...c, properties });

/**
 * Both readers look for a repeated attribute by comparing every pair (text-scanner.ts
 * resolveAttributes, binary-node-source.ts checkRepeatedAttributes): n attributes cost n²/2
 * comparisons. Harmless under the default quota of 128, but a caller who raises
 * WS_XML_READER_PROPERTY_MAX_ATTRIBUTES hands a peer a quadratic cost: 25,000 attributes take
 * about 2 s, 100,000 about 30 s, where a set of names would take milliseconds.
 */
const MANY = 12_000;
const quadratic12k = (c: MalformedCase): MalformedCase => ({
  ...c,
  properties: [property(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, MANY)],
  budget: { ms: 250, heapMB: 64 },
});

const DEPTH = "the element nesting goes deeper than 32 (WS_XML_READER_PROPERTY_MAX_DEPTH)";
const ATTRIBUTES = "an element has more than 128 attributes (WS_XML_READER_PROPERTY_MAX_ATTRIBUTES)";
const DTD = "DTDs are not supported (a <!DOCTYPE> declaration), at line 1, column 1 (byte 0)";
/** Where the 129th attribute of attributesText stands: "<a", then " aI=\"I\"" for I < 128. */
const ATTRIBUTE_129 = 2 + Array.from({ length: 128 }, (_, i) => ` a${i}="${i}"`.length).reduce((a, b) => a + b, 0) + 1;

export const textFloods: readonly MalformedCase[] = [
  flood("nesting 10,000 deep", () => nestedText(10_000), QUOTA, DEPTH, at(1, 97, 96)),
  flood("nesting 1,000,000 deep", () => nestedText(1_000_000), QUOTA, DEPTH, at(1, 97, 96)),
  flood("nesting 1,000,000 deep, never closed", () => nestedText(1_000_000, false), QUOTA, DEPTH, at(1, 97, 96)),
  // With the quota raised the whole depth is read: no recursion, so no stack overflow.
  withProperties(
    flood("nesting 10,000 deep under MAX_DEPTH 20,000 (control)", () => nestedText(10_000), S_OK),
    property(WS_XML_READER_PROPERTY_MAX_DEPTH, 20_000),
  ),
  withProperties(
    flood(
      "nesting 10,000 deep under MAX_DEPTH 20,000, never closed",
      () => nestedText(10_000, false),
      INVALID,
      'the input ends inside the element "a"',
      at(1, 30_001, 30_000),
    ),
    property(WS_XML_READER_PROPERTY_MAX_DEPTH, 20_000),
  ),
  flood("100,000 attributes", () => attributesText(100_000), QUOTA, ATTRIBUTES, at(1, ATTRIBUTE_129 + 1, ATTRIBUTE_129)),
  flood("10,000 namespace declarations (the attribute quota comes first)", () => declarationsText(10_000), QUOTA, ATTRIBUTES),
  withProperties(
    flood(
      "1,000 namespace declarations under MAX_ATTRIBUTES 2,000",
      () => declarationsText(1_000),
      QUOTA,
      "more than 32 namespace declarations in scope",
    ),
    property(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, 2_000),
  ),
  withProperties(
    // The repeated-attribute check compares every pair: keep n where n²/2 comparisons stay well under the budget.
    flood("2,000 attributes under MAX_ATTRIBUTES 2,000 (control)", () => attributesText(2_000), S_OK),
    property(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, 2_000),
  ),
  quadratic12k(flood("12,000 attributes under MAX_ATTRIBUTES 12,000 (control)", () => attributesText(MANY), S_OK)),
  flood("billion laughs, 10 levels of 10", () => laughs(10, 10), INVALID, DTD),
  flood("a trillion laughs, 100 levels of 100", () => laughs(100, 100), INVALID, DTD),
  flood("quadratic blowup, 100 kB entity referred to 100,000 times", () => quadratic(100_000, 100_000), INVALID, DTD),
  flood(
    "an attribute value of 4 MB, never closed",
    () => utf8(`<a b="${"x".repeat(4 << 20)}`),
    INVALID,
    "the input ends inside an attribute value",
    at(1, 7, 6),
  ),
  flood(
    "a comment of 4 MB, never closed",
    () => utf8(`<a><!--${"x".repeat(4 << 20)}`),
    INVALID,
    "the input ends inside a comment",
    at(1, 4, 3),
  ),
  flood(
    "a CDATA section of 4 MB, never closed",
    () => utf8(`<a><![CDATA[${"x".repeat(4 << 20)}`),
    INVALID,
    "the input ends inside a CDATA section",
    at(1, 4, 3),
  ),
  flood(
    "an element name of 4 MB, never closed",
    () => utf8(`<${"n".repeat(4 << 20)}`),
    INVALID,
    "the input ends inside a start tag",
    at(1, (4 << 20) + 2, (4 << 20) + 1),
  ),
  flood("'&' then 4 MB without ';'", () => utf8(`<a>&${"x".repeat(4 << 20)}</a>`), INVALID, "no ';' follows it", at(1, 4, 3)),
  flood("a character reference with 1,000,000 leading zeros (control)", () => utf8(`<a>&#${"0".repeat(1_000_000)}65;</a>`), S_OK),
  flood(
    "1,000,000 lines, then a bad character",
    () => bytes("<a>", "\n".repeat(1_000_000), [0x01], "</a>"),
    INVALID,
    "the character U+0001 is not allowed in XML",
    at(1_000_001, 1, 1_000_003),
  ),
];

// --- floods and bombs: binary ----------------------------------------------------------------

/** ShortElement "a" repeated `depth` times, then as many EndElement records when `closed`. */
function nestedBinary(depth: number, closed = true): Uint8Array {
  const out = new Uint8Array(depth * (closed ? 4 : 3));
  for (let i = 0; i < depth; i++) out.set([0x40, 0x01, 0x61], i * 3);
  if (closed) out.fill(0x01, depth * 3);
  return out;
}

/** ShortElement "t" with `n` ShortAttribute records "aI" = EmptyText, then EndElement. */
function attributesBinary(n: number): Uint8Array {
  const records: NbfxRecord[] = [{ kind: "element", prefix: "", name: "t" }];
  for (let i = 0; i < n; i++) records.push({ kind: "attribute", prefix: "", name: `a${i}`, value: { textType: "empty" } });
  records.push({ kind: "endElement" });
  return writeRecords(records);
}

/** ShortElement "t" with `n` XmlnsAttribute records pI = "urn:I", then EndElement. */
function declarationsBinary(n: number): Uint8Array {
  const records: NbfxRecord[] = [{ kind: "element", prefix: "", name: "t" }];
  for (let i = 0; i < n; i++) records.push({ kind: "xmlns", prefix: `p${i}`, namespace: `urn:${i}` });
  records.push({ kind: "endElement" });
  return writeRecords(records);
}

/** Where the 129th attribute record of attributesBinary starts. */
const binaryAttribute129 = () => {
  const records: NbfxRecord[] = [{ kind: "element", prefix: "", name: "t" }];
  for (let i = 0; i < 128; i++) records.push({ kind: "attribute", prefix: "", name: `a${i}`, value: { textType: "empty" } });
  return writeRecords(records).length;
};

const BINARY_DEPTH = "binary XML: the element nesting goes deeper than 32 at byte 96 (WS_XML_READER_PROPERTY_MAX_DEPTH)";

export const binaryFloods: readonly MalformedCase[] = [
  flood("binary nesting 10,000 deep", () => nestedBinary(10_000), QUOTA, BINARY_DEPTH),
  flood("binary nesting 1,000,000 deep, never closed", () => nestedBinary(1_000_000, false), QUOTA, BINARY_DEPTH),
  withProperties(
    flood("binary nesting 10,000 deep under MAX_DEPTH 20,000 (control)", () => nestedBinary(10_000), S_OK),
    property(WS_XML_READER_PROPERTY_MAX_DEPTH, 20_000),
  ),
  withProperties(
    flood(
      "binary nesting 10,000 deep under MAX_DEPTH 20,000, never closed",
      () => nestedBinary(10_000, false),
      INVALID,
      "the input ends with 10000 element(s) still open",
      atByte(30_000),
    ),
    property(WS_XML_READER_PROPERTY_MAX_DEPTH, 20_000),
  ),
  flood(
    "binary 129 attributes",
    () => attributesBinary(129),
    QUOTA,
    "with more than 128 attributes",
    atByte(binaryAttribute129()),
    "(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES)",
  ),
  flood(
    "binary 100,000 attributes",
    () => attributesBinary(100_000),
    QUOTA,
    "an element (byte 0) with more than 128 attributes",
    atByte(binaryAttribute129()),
  ),
  flood(
    "binary 33 namespace declarations",
    () => declarationsBinary(33),
    QUOTA,
    "more than 32 namespace declarations in scope",
    "(WS_XML_READER_PROPERTY_MAX_NAMESPACES)",
  ),
  flood("binary 100,000 namespace declarations", () => declarationsBinary(100_000), QUOTA, "with more than 128 attributes"),
  withProperties(
    flood("binary 2,000 attributes under MAX_ATTRIBUTES 2,000 (control)", () => attributesBinary(2_000), S_OK),
    property(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, 2_000),
  ),
  quadratic12k(flood("binary 12,000 attributes under MAX_ATTRIBUTES 12,000 (control)", () => attributesBinary(MANY), S_OK)),
  flood(
    "binary list of 1,000,000 items, never closed",
    () => bytes([0x40, 0x01, 0x65, 0xa4], new Array<number>(1_000_000).fill(0x86)),
    INVALID,
    "list opened at byte 3 is not closed by an EndListText",
    atByte(1_000_004),
  ),
  flood(
    "binary comment of 4 MB declared, 1 byte present",
    () => bytes([0x02, 0x80, 0x80, 0x80, 0x02, 0x78]),
    INVALID,
    "Comment record declares 4194304 bytes past the end of the input at byte 0",
  ),
  flood(
    "binary Array of 2^31-1 Int32 values declared",
    () => bytes([0x40, 0x01, 0x61, 0x03, 0x40, 0x01, 0x76, 0x01, 0x8d, 0xff, 0xff, 0xff, 0xff, 0x07, 0x01]),
    INVALID,
    "Array record declares 8589934588 bytes past the end of the input at byte 3",
  ),
];
