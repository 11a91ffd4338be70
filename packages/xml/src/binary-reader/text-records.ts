import {
  type WS_DATETIME_FORMAT,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  type WS_XML_TEXT,
} from "@wwsapi/core";
import { hexByte, invalidFormat } from "../binary/binary-errors.js";
import { RecordType, recordTypeInfo } from "../binary/record-types.js";
import { decodeUtf16, encodeUtf8 } from "../binary/text-encoding.js";
import { EMPTY_XML_STRING, utf8Text, xmlString } from "../text-reader/xml-nodes.js";
import type { ByteCursor } from "./byte-cursor.js";
import type { DictionaryStrings } from "./dictionary-strings.js";
import { letterPrefix } from "./letter-prefixes.js";
import {
  base64Text,
  boolText,
  dateTimeText,
  decimalText,
  doubleText,
  floatText,
  guidText,
  int32Text,
  int64Text,
  listText,
  type QNameText,
  qnameText,
  timeSpanText,
  uint64Text,
  uniqueIdText,
} from "./text-values.js";

/**
 * The payload of a text record ([MC-NBFX] 2.2.3) as the WS_XML_TEXT WWSAPI's binary reader gives
 * for it. What Wine's conformance tests record of Windows: ZeroText/OneText and Int8/16/32Text are
 * WS_XML_INT32_TEXT; FalseText, TrueText and BoolText WS_XML_BOOL_TEXT (a BoolText byte other
 * than 0 is TRUE); Int64Text INT64; UInt64Text UINT64; DoubleText DOUBLE; DateTimeText DATETIME
 * (TZ 0 is WS_DATETIME_FORMAT_NONE); Chars*Text, EmptyText and DictionaryText UTF8; Bytes*Text
 * BASE64; UniqueIdText UNIQUE_ID; UuidText GUID. The rest follow the same rule, a value of the
 * record's own type: FloatText FLOAT, DecimalText DECIMAL, TimeSpanText TIMESPAN,
 * QNameDictionaryText QNAME, and a StartListText..EndListText run LIST. UnicodeChars*Text become
 * UTF8 text, converted from UTF-16 (what WWSAPI gives for them is not recorded).
 */

export interface TextContext {
  readonly dictionary: DictionaryStrings;
  /**
   * Called for each QNameDictionaryText, whose namespace is the one its prefix is bound to: in
   * content that is known at once, in an attribute only after all the element's declarations.
   */
  qname(text: QNameText, prefix: string, at: number): void;
}

/** DateTime ticks stay below 10000-01-01T00:00:00 ([MC-NBFX] 2.2.3.12). */
const DATE_TIME_TICKS_LIMIT = 3155378976000000000n;
const TICKS_MASK = (1n << 62n) - 1n;
/** [MC-NBFX] TZ 0 (unspecified), 1 (UTC), 2 (local). */
const DATE_TIME_FORMATS: readonly WS_DATETIME_FORMAT[] = [WS_DATETIME_FORMAT_NONE, WS_DATETIME_FORMAT_UTC, WS_DATETIME_FORMAT_LOCAL];

/**
 * Reads the payload of a text record whose type byte (at `start`) has been read; `textRecord` is
 * the record type without its WithEndElement bit (the even one, RecordType.Chars8Text for both
 * Chars8Text and Chars8TextWithEndElement): a number, so that the dispatch is one jump. A
 * StartListText reads its whole list, up to and including the EndListText.
 */
export function readTextValue(cursor: ByteCursor, textRecord: number, record: string, start: number, context: TextContext): WS_XML_TEXT {
  switch (textRecord) {
    case RecordType.ZeroText:
      return int32Text(0);
    case RecordType.OneText:
      return int32Text(1);
    case RecordType.FalseText:
      return boolText(false);
    case RecordType.TrueText:
      return boolText(true);
    case RecordType.EmptyText:
      return utf8Text(EMPTY_XML_STRING);
    case RecordType.Int8Text:
      return int32Text(cursor.i8(record, start));
    case RecordType.Int16Text:
      return int32Text(cursor.i16(record, start));
    case RecordType.Int32Text:
      return int32Text(cursor.i32(record, start));
    case RecordType.Int64Text:
      return int64Text(cursor.i64(record, start));
    case RecordType.UInt64Text:
      return uint64Text(cursor.u64(record, start));
    case RecordType.FloatText:
      return floatText(cursor.f32(record, start));
    case RecordType.DoubleText:
      return doubleText(cursor.f64(record, start));
    case RecordType.TimeSpanText:
      return timeSpanText(cursor.i64(record, start));
    case RecordType.BoolText:
      return boolText(cursor.u8(record, start) !== 0);
    case RecordType.DecimalText:
      return readDecimal(cursor, record, start);
    case RecordType.DateTimeText:
      return readDateTime(cursor, record, start);
    case RecordType.UniqueIdText:
      return uniqueIdText(cursor.take(16, record, start));
    case RecordType.UuidText:
      return guidText(cursor.take(16, record, start));
    case RecordType.Chars8Text:
      return utf8Text(xmlString(cursor.utf8(cursor.u8(record, start), record, start)));
    case RecordType.Chars16Text:
      return utf8Text(xmlString(cursor.utf8(cursor.u16(record, start), record, start)));
    case RecordType.Chars32Text:
      return utf8Text(xmlString(cursor.utf8(readLength32(cursor, record, start), record, start)));
    case RecordType.Bytes8Text:
      return base64Text(cursor.take(cursor.u8(record, start), record, start));
    case RecordType.Bytes16Text:
      return base64Text(cursor.take(cursor.u16(record, start), record, start));
    case RecordType.Bytes32Text:
      return base64Text(cursor.take(readLength32(cursor, record, start), record, start));
    case RecordType.UnicodeChars8Text:
    case RecordType.UnicodeChars16Text:
    case RecordType.UnicodeChars32Text: {
      const length =
        textRecord === RecordType.UnicodeChars8Text
          ? cursor.u8(record, start)
          : textRecord === RecordType.UnicodeChars16Text
            ? cursor.u16(record, start)
            : readLength32(cursor, record, start);
      const at = cursor.pos;
      const text = decodeUtf16(cursor.take(length, record, start));
      if (text === undefined) throw invalidFormat(`${record} record at byte ${start} holds malformed UTF-16`, at);
      return utf8Text(xmlString(encodeUtf8(text)));
    }
    case RecordType.DictionaryText: {
      const at = cursor.pos;
      const string = context.dictionary.resolve(cursor.int31("dictionary string id"), at);
      // WS_XML_UTF8_TEXT holds its string by value in C: a copy of the dictionary's, id included.
      return utf8Text({ bytes: string.bytes, dictionary: string.dictionary, id: string.id });
    }
    case RecordType.QNameDictionaryText: {
      const at = cursor.pos;
      const letter = cursor.u8(record, start);
      if (letter > 25)
        throw invalidFormat(`${record} record at byte ${start} has prefix ${letter}`, at, "the prefix MUST be 0 to 25 (a to z)");
      const nameAt = cursor.pos;
      const localName = context.dictionary.resolve(cursor.int31("dictionary string id"), nameAt);
      const text = qnameText(letterPrefix(letter), localName, null);
      context.qname(text, String.fromCharCode(0x61 + letter), at);
      return text;
    }
    case RecordType.StartListText:
      return readList(cursor, start, context);
    case RecordType.EndListText:
      throw invalidFormat("EndListText without a StartListText", start);
  }
  /* c8 ignore next */
  throw new Error(`unreachable: ${textRecord} is not a text record type`);
}

/** The items of a list up to its EndListText ([MC-NBFX] 2.2.3.19); each is a text record of its own. */
function readList(cursor: ByteCursor, listStart: number, context: TextContext): WS_XML_TEXT {
  const items: WS_XML_TEXT[] = [];
  for (;;) {
    const start = cursor.pos;
    if (cursor.atEnd) throw invalidFormat(`list opened at byte ${listStart} is not closed by an EndListText`, start);
    const type = cursor.u8("StartListText", listStart);
    const info = recordTypeInfo(type);
    if (info === undefined || info.shape.category !== "text") {
      const found = info === undefined ? `unknown record type ${hexByte(type)}` : `${info.name} record`;
      throw invalidFormat(`${found} inside the list opened at byte ${listStart}`, start, "a list holds text records only");
    }
    const { textType, withEndElement } = info.shape;
    if (textType === "endList") return listText(items);
    if (withEndElement || textType === "startList")
      throw invalidFormat(`${info.name} record inside the list opened at byte ${listStart}`, start);
    items.push(readTextValue(cursor, type, info.name, start, context));
  }
}

/**
 * The length of a Chars32/Bytes32/UnicodeChars32 record: an INT32 that "MUST be positive" (the 8
 * and 16 forms have one or two unsigned bytes). UnicodeChars32Text's is 4 bytes like the others, as
 * in the document's own example and WCF (2.2.3.29's "MultiByteInt31" is an erratum; see
 * read-records.ts).
 */
function readLength32(cursor: ByteCursor, record: string, start: number): number {
  const at = cursor.pos;
  const length = cursor.i32(record, start);
  if (length < 0) throw invalidFormat(`${record} record at byte ${start} has a negative length ${length}`, at);
  return length;
}

/** A DECIMAL ([MS-OAUT] 2.2.26): wReserved, scale, sign, Hi32, Lo64, little-endian. */
function readDecimal(cursor: ByteCursor, record: string, start: number): WS_XML_TEXT {
  cursor.need(16, record, start);
  const at = cursor.pos;
  cursor.u16(record, start);
  const scale = cursor.u8(record, start);
  const sign = cursor.u8(record, start);
  if (scale > 28) throw invalidFormat(`${record} record at byte ${start} has decimal scale ${scale}`, at, "the scale MUST be 0 to 28");
  if (sign !== 0 && sign !== 0x80) {
    throw invalidFormat(`${record} record at byte ${start} has decimal sign ${hexByte(sign)}`, at, "the sign MUST be 0x00 or 0x80");
  }
  const Hi32 = cursor.i32(record, start) >>> 0;
  const Lo64 = cursor.u64(record, start);
  return decimalText({ scale, sign, Hi32, Lo64 });
}

/** 62 bits of ticks since 0001-01-01 and the 2-bit TZ field ([MC-NBFX] 2.2.3.12). */
function readDateTime(cursor: ByteCursor, record: string, start: number): WS_XML_TEXT {
  const at = cursor.pos;
  const raw = cursor.u64(record, start);
  const tz = Number(raw >> 62n);
  const ticks = raw & TICKS_MASK;
  const format = DATE_TIME_FORMATS[tz];
  if (format === undefined) throw invalidFormat(`${record} record at byte ${start} has TZ ${tz}`, at, "TZ MUST be 0, 1 or 2");
  if (ticks >= DATE_TIME_TICKS_LIMIT) throw invalidFormat(`${record} record at byte ${start} is past 9999-12-31T23:59:59.9999999`, at);
  return dateTimeText({ ticks, format });
}
