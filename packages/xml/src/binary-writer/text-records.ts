import {
  type DECIMAL,
  type WS_DATETIME,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_UTC,
  WS_E_INVALID_FORMAT,
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
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { prefixLetterIndex, RecordType } from "../binary/record-types.js";
import type { DateTimeKind, TextValue } from "../binary/records.js";
import { decodeUtf8, decodeUtf16, encodeUtf8 } from "../binary/text-encoding.js";
import type { DictionaryNames } from "./dictionary-names.js";

/** The text records of one text: a single record, or the items of a StartListText … EndListText run. */
export type RecordText = TextValue | { readonly list: readonly TextValue[] };

/**
 * The text record WWSAPI's binary writer writes for a WS_XML_TEXT, from what the Wine conformance
 * tests record of Windows (a text `u` in `<t><u>…</u></t>`):
 *
 * - UTF-8 and UTF-16 text: Chars8Text (0x98) for up to 255 bytes of UTF-8, Chars16Text and
 *   Chars32Text beyond ("test" as UTF-16 is written 0x99 0x04 "test", converted). A UTF-8 text
 *   whose string references the static dictionary is a DictionaryText, as any string referencing it.
 * - Bytes: Bytes8Text, Bytes16Text, Bytes32Text by length (255 bytes: one Bytes8Text).
 * - BOOL: TrueText/FalseText (TRUE: 0x87).
 * - Integers, INT32, INT64 and UINT64 alike, in the smallest record that holds the value: ZeroText,
 *   OneText, Int8Text, Int16Text, Int32Text, Int64Text, UInt64Text (INT32 -1 and INT64 -1: 0x89 0xFF;
 *   UINT64 1: 0x83 OneText; UINT64 2: 0x89 0x02).
 * - DOUBLE: an integral value as the integer it is (0.0: ZeroText; 2.0: 0x89 0x02), any other
 *   value, infinities and NaN included, a DoubleText (2.1: 0x93 + the 8 bytes). FLOAT: the same
 *   rule, FloatText for a value that is not integral (not recorded; FloatText is the record made
 *   for a float).
 * - GUID: UuidText (0xB1 + 16 bytes); UNIQUE_ID: UniqueIdText (0xAD + 16 bytes).
 * - DATETIME: DateTimeText, the ticks with WS_DATETIME_FORMAT_UTC as TZ 1, LOCAL as 2 and NONE as 0
 *   (ticks 0: last byte 0x40, 0x80, 0x00), the ticks unconverted.
 * - DECIMAL, TIMESPAN: DecimalText and TimeSpanText, the records [MC-NBFX] has for them (not recorded).
 * - QNAME: QNameDictionaryText when the prefix is one letter a-z and the local name is a dictionary
 *   string (static, or given an id by the dynamic string callback), the only QName [MC-NBFX] can
 *   encode; otherwise the text "prefix:localName" as characters.
 * - LIST: its items between StartListText and EndListText ([MC-NBFX] 2.2.3.19).
 *
 * `utf8` is the text the writer formatted from `typed`, written as characters whenever a record
 * cannot hold the value as given (a list whose items cannot all be records). `ask`: whether the
 * dynamic string callback may be called (dictionary-names.ts).
 */
export function recordText(fn: string, typed: WS_XML_TEXT | undefined, utf8: Uint8Array, names: DictionaryNames, ask = true): RecordText {
  if (typed === undefined) return charsText(utf8);
  if (typed.textType === WS_XML_TEXT_TYPE_LIST) {
    const items = listItems(fn, typed, names, ask);
    return items === undefined ? charsText(utf8) : { list: items };
  }
  return itemText(fn, typed, names, ask) ?? charsText(utf8);
}

/** The record of a text that is not a list, or undefined when it must be written as its characters. */
function itemText(fn: string, typed: WS_XML_TEXT, names: DictionaryNames, ask: boolean): TextValue | undefined {
  const fields = typed as unknown as Record<string, unknown>;
  switch (typed.textType) {
    case WS_XML_TEXT_TYPE_UTF8: {
      const string = fields.value as WS_XML_STRING;
      const id = names.staticId(string);
      return id === undefined ? charsText(string.bytes) : { textType: "dictionary", value: { dictionaryId: id } };
    }
    case WS_XML_TEXT_TYPE_UTF16: {
      const text = decodeUtf16(fields.bytes as Uint8Array);
      return text === undefined ? undefined : charsOf(text, encodeUtf8(text).length);
    }
    case WS_XML_TEXT_TYPE_BASE64: {
      const bytes = fields.bytes as Uint8Array;
      return { textType: bytes.length <= 0xff ? "bytes8" : bytes.length <= 0xffff ? "bytes16" : "bytes32", value: bytes };
    }
    case WS_XML_TEXT_TYPE_BOOL:
      return { textType: fields.value === true || (typeof fields.value === "number" && fields.value !== 0) ? "true" : "false" };
    case WS_XML_TEXT_TYPE_INT32:
      return integerText(BigInt(fields.value as number));
    case WS_XML_TEXT_TYPE_INT64:
    case WS_XML_TEXT_TYPE_UINT64:
      return integerText(fields.value as bigint);
    case WS_XML_TEXT_TYPE_FLOAT:
      return numberText(fields.value as number, "float");
    case WS_XML_TEXT_TYPE_DOUBLE:
      return numberText(fields.value as number, "double");
    case WS_XML_TEXT_TYPE_DECIMAL:
      return { textType: "decimal", value: decimalBytes(fields.value as DECIMAL) };
    case WS_XML_TEXT_TYPE_GUID:
      return { textType: "uuid", value: fields.value as Uint8Array };
    case WS_XML_TEXT_TYPE_UNIQUE_ID:
      return { textType: "uniqueId", value: fields.value as Uint8Array };
    case WS_XML_TEXT_TYPE_DATETIME: {
      const { ticks, format } = fields.value as WS_DATETIME;
      return { textType: "dateTime", value: { ticks, kind: dateTimeKind(format) } };
    }
    case WS_XML_TEXT_TYPE_TIMESPAN:
      return { textType: "timeSpan", value: (fields.value as { ticks: bigint }).ticks };
    case WS_XML_TEXT_TYPE_QNAME:
      return qnameText(fn, fields, names, ask);
  }
  return undefined;
}

/** The items of a list as records, or undefined when one of them cannot be a record (a nested list, a QName the writer resolves). */
function listItems(fn: string, list: WS_XML_TEXT, names: DictionaryNames, ask: boolean): TextValue[] | undefined {
  const records: TextValue[] = [];
  for (const item of (list as unknown as { items: readonly WS_XML_TEXT[] }).items) {
    if (item.textType === WS_XML_TEXT_TYPE_LIST) return undefined;
    const record = itemText(fn, item, names, ask);
    if (record === undefined) return undefined;
    records.push(record);
  }
  return records;
}

/** QNameDictionaryText, when the prefix is one letter and the local name a dictionary string. */
function qnameText(fn: string, fields: Record<string, unknown>, names: DictionaryNames, ask: boolean): TextValue | undefined {
  const prefix = fields.prefix as WS_XML_STRING | null;
  const localName = fields.localName as WS_XML_STRING | null;
  if (prefix === null || localName === null) return undefined;
  const letter = decodeUtf8(prefix.bytes);
  if (letter === undefined || prefixLetterIndex(letter) < 0) return undefined;
  const name = names.resolve(fn, decodeUtf8(localName.bytes) ?? "", localName, ask);
  if (typeof name === "string") return undefined;
  return { textType: "qnameDictionary", value: { prefix: letter, name: { dictionaryId: name.dictionaryId } } };
}

/** Chars8Text, Chars16Text or Chars32Text for UTF-8 bytes, by their length. */
export function charsText(utf8: Uint8Array): TextValue {
  const text = decodeUtf8(utf8);
  if (text === undefined) throw new WsError(WS_E_INVALID_FORMAT, "binary XML writer: the text is not valid UTF-8.");
  return charsOf(text, utf8.length);
}

/**
 * The record charsText describes, encoded straight from the bytes: Chars8Text, Chars16Text or
 * Chars32Text by length, the length little-endian, then the bytes ([MC-NBFX] 2.2.3.7-9). Every
 * string value goes this way, and through charsText it would be decoded to a string only for
 * writeRecords to encode it again.
 */
export function charsRecord(utf8: Uint8Array): Uint8Array {
  if (!isAscii(utf8) && decodeUtf8(utf8) === undefined) {
    throw new WsError(WS_E_INVALID_FORMAT, "binary XML writer: the text is not valid UTF-8.");
  }
  const length = utf8.length;
  const header = length <= 0xff ? 2 : length <= 0xffff ? 3 : 5;
  const record = new Uint8Array(header + length);
  record[0] = header === 2 ? RecordType.Chars8Text : header === 3 ? RecordType.Chars16Text : RecordType.Chars32Text;
  for (let i = 1; i < header; i++) record[i] = (length >>> (8 * (i - 1))) & 0xff;
  record.set(utf8, header);
  return record;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

function charsOf(text: string, byteLength: number): TextValue {
  return { textType: byteLength <= 0xff ? "chars8" : byteLength <= 0xffff ? "chars16" : "chars32", value: text };
}

const INT8 = 0x80n;
const INT16 = 0x8000n;
const INT32 = 0x80000000n;
const INT64 = 0x8000000000000000n;

/** The smallest record that holds an integer. */
export function integerText(value: bigint): TextValue {
  if (value === 0n) return { textType: "zero" };
  if (value === 1n) return { textType: "one" };
  if (value >= -INT8 && value < INT8) return { textType: "int8", value: Number(value) };
  if (value >= -INT16 && value < INT16) return { textType: "int16", value: Number(value) };
  if (value >= -INT32 && value < INT32) return { textType: "int32", value: Number(value) };
  if (value >= -INT64 && value < INT64) return { textType: "int64", value };
  return { textType: "uint64", value };
}

const TWO_TO_63 = 2 ** 63;

/** An integral number within INT64 as its integer record, anything else as a FloatText or DoubleText. */
export function numberText(value: number, kind: "float" | "double"): TextValue {
  // A whole number goes as an integer record, except -0, which an integer cannot carry.
  if (Number.isInteger(value) && !Object.is(value, -0) && value >= -TWO_TO_63 && value < TWO_TO_63) return integerText(BigInt(value));
  return { textType: kind, value };
}

/** The 16 bytes of DecimalText: wReserved (0), scale, sign, Hi32, Lo64, little-endian ([MS-OAUT] 2.2.26). */
export function decimalBytes(value: DECIMAL): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  bytes[2] = value.scale;
  bytes[3] = value.sign;
  view.setUint32(4, value.Hi32, true);
  view.setBigUint64(8, value.Lo64, true);
  return bytes;
}

/** [MC-NBFX] 2.2.3.12 TZ: 0 unspecified (WS_DATETIME_FORMAT_NONE), 1 UTC, 2 local. */
function dateTimeKind(format: number): DateTimeKind {
  if (format === WS_DATETIME_FORMAT_UTC) return "utc";
  if (format === WS_DATETIME_FORMAT_LOCAL) return "local";
  return "unspecified";
}
