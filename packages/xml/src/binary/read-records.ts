import { hexByte, invalidFormat, quotaExceeded } from "./binary-errors.js";
import { readMultiByteInt31 } from "./multi-byte-int31.js";
import {
  type ArrayItemTypeInfo,
  arrayItemTypeByRecordType,
  prefixLetter,
  type RecordShape,
  RecordType,
  type RecordTypeInfo,
  recordTypeInfo,
  type TextType,
} from "./record-types.js";
import type {
  ArrayItems,
  ArrayRecord,
  AttributeRecord,
  AttributeValue,
  DateTimeKind,
  DateTimeValue,
  DecodedRecord,
  DictionaryString,
  ElementRecord,
  NameString,
  TextValue,
  XmlnsRecord,
} from "./records.js";
import { staticDictionaryString } from "./static-dictionary.js";
import { decodeUtf8, decodeUtf16 } from "./text-encoding.js";

/**
 * The decoder of [MC-NBFX] documents: bytes to the record model of records.ts, one entry per record,
 * each with the offset it starts at. It checks everything the document says a record MUST be, so
 * that the layers above can trust what they get, and it never allocates from a length it has not
 * checked against the bytes that are really there ([MC-NBFX] section 4).
 */

/** Where the text of an odd (session) DictionaryString comes from: a SessionDictionary, or a Map. */
export interface SessionStrings {
  get(id: number): string | undefined;
}

export interface ReadRecordsOptions {
  /**
   * How DictionaryString ids are resolved.
   * - "soap" (default): [MC-NBFS]/[MC-NBFSE]. An even id must be in the static dictionary and an
   *   odd id in `session`; any other id is an error.
   * - "none": [MC-NBFX] alone, where the meaning of ids is agreed out of band (its section 1.7).
   *   Ids are kept without text and never refused.
   */
  readonly dictionary?: "soap" | "none";
  /** The strings of the session's StringTables ([MC-NBFSE] 2.1), for odd ids. */
  readonly session?: SessionStrings;
  /** The largest document accepted, in bytes. Default: no limit. */
  readonly maxBytes?: number;
  /** The most values one Array record may hold. Default: no limit (the bytes present still bound it). */
  readonly maxArrayItems?: number;
  /** The deepest element nesting accepted. Default 32, the default of WS_XML_READER_PROPERTY_MAX_DEPTH and of WCF. */
  readonly maxDepth?: number;
  /**
   * Accept a document that ends with elements still open (a fragment). By default that is an error,
   * because a message cut short between two records would otherwise look complete.
   */
  readonly allowOpenElements?: boolean;
}

export const DEFAULT_MAX_DEPTH = 32;

/** DateTime ticks must stay below this: 10000-01-01T00:00:00 ([MC-NBFX] 2.2.3.12). */
const DATE_TIME_TICKS_LIMIT = 3155378976000000000n;
const DATE_TIME_TICKS_MASK = (1n << 62n) - 1n;
const DATE_TIME_KINDS: readonly DateTimeKind[] = ["unspecified", "utc", "local"];

/** Decodes a whole binary XML document (or fragment) into records; throws WsError on malformed input. */
export function readRecords(bytes: Uint8Array, options: ReadRecordsOptions = {}): DecodedRecord[] {
  return new RecordReader(bytes, options).readAll();
}

class RecordReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #end: number;
  readonly #resolve: boolean;
  readonly #session: SessionStrings | undefined;
  readonly #maxBytes: number;
  readonly #maxArrayItems: number;
  readonly #maxDepth: number;
  readonly #allowOpenElements: boolean;
  #pos = 0;
  #depth = 0;

  constructor(bytes: Uint8Array, options: ReadRecordsOptions) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#end = bytes.length;
    this.#resolve = (options.dictionary ?? "soap") === "soap";
    this.#session = options.session;
    this.#maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.#maxArrayItems = options.maxArrayItems ?? Number.POSITIVE_INFINITY;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.#allowOpenElements = options.allowOpenElements ?? false;
  }

  readAll(): DecodedRecord[] {
    if (this.#end > this.#maxBytes) {
      throw quotaExceeded(`document of ${this.#end} bytes exceeds maxBytes`, this.#maxBytes, `maxBytes is ${this.#maxBytes}`);
    }
    const records: DecodedRecord[] = [];
    // Attribute records may only follow an element or another attribute ([MC-NBFX] 2.2.2).
    let afterElementOrAttribute = false;
    // Start of the StartListText..EndListText run being read in element content, or -1.
    let listStart = -1;

    while (this.#pos < this.#end) {
      const start = this.#pos;
      const type = this.#bytes[this.#pos++]!;
      const info = recordTypeInfo(type);
      if (info === undefined) throw invalidFormat(`unknown record type ${hexByte(type)}`, start);
      const shape = info.shape;
      if (listStart >= 0 && shape.category !== "text") {
        throw invalidFormat(`${info.name} record inside the list opened at byte ${listStart}`, start, "a list holds text records only");
      }
      switch (shape.category) {
        case "element": {
          const element = this.#element(shape, info, start);
          this.#open(start);
          records.push({ ...element, offset: start, recordType: type });
          afterElementOrAttribute = true;
          break;
        }
        case "attribute":
        case "xmlns": {
          if (!afterElementOrAttribute)
            throw invalidFormat(`${info.name} record that does not follow an element or attribute record`, start);
          const attribute = shape.category === "xmlns" ? this.#xmlns(shape, info, start) : this.#attribute(shape, info, start);
          records.push({ ...attribute, offset: start, recordType: type });
          break;
        }
        case "text": {
          const value = this.#textValue(shape.textType, info, start);
          if (shape.textType === "startList") {
            if (listStart >= 0) throw invalidFormat(`StartListText inside the list opened at byte ${listStart}`, start);
            listStart = start;
          } else if (shape.textType === "endList") {
            if (listStart < 0) throw invalidFormat("EndListText without a StartListText", start);
            listStart = -1;
          }
          if (shape.withEndElement) {
            // Closing the element would leave the list open across its end.
            if (listStart >= 0) throw invalidFormat(`${info.name} record inside the list opened at byte ${listStart}`, start);
            this.#close(info, start);
          }
          records.push({ kind: "text", ...value, withEndElement: shape.withEndElement, offset: start, recordType: type } as DecodedRecord);
          afterElementOrAttribute = false;
          break;
        }
        case "endElement":
          this.#close(info, start);
          records.push({ kind: "endElement", offset: start, recordType: type });
          afterElementOrAttribute = false;
          break;
        case "comment":
          records.push({ kind: "comment", text: this.#string(info, start, "text"), offset: start, recordType: type });
          afterElementOrAttribute = false;
          break;
        case "array":
          records.push({ ...this.#array(start), offset: start, recordType: type });
          afterElementOrAttribute = false;
          break;
      }
    }

    if (listStart >= 0) throw invalidFormat(`list opened at byte ${listStart} is not closed by an EndListText`, this.#end);
    if (this.#depth > 0 && !this.#allowOpenElements) {
      throw invalidFormat(`document ends with ${this.#depth} element(s) still open`, this.#end);
    }
    return records;
  }

  // --- structure ---------------------------------------------------------------------------

  #open(start: number): void {
    if (this.#depth >= this.#maxDepth) {
      throw quotaExceeded(`element nested deeper than maxDepth`, start, `maxDepth is ${this.#maxDepth}`);
    }
    this.#depth++;
  }

  #close(info: RecordTypeInfo, start: number): void {
    // [MC-NBFX] 2.3.1: "there MUST exist such an element"; the same holds for *TextWithEndElement.
    if (this.#depth === 0) throw invalidFormat(`${info.name} record with no open element to close`, start);
    this.#depth--;
  }

  #element(shape: Extract<RecordShape, { category: "element" }>, info: RecordTypeInfo, start: number): ElementRecord {
    const prefix = this.#prefix(shape.prefix, shape.letter, info, start);
    const name = this.#name(shape.name, info, start, "name");
    return { kind: "element", prefix, name };
  }

  #attribute(shape: Extract<RecordShape, { category: "attribute" }>, info: RecordTypeInfo, start: number): AttributeRecord {
    const prefix = this.#prefix(shape.prefix, shape.letter, info, start);
    const name = this.#name(shape.name, info, start, "name");
    const value = this.#attributeValue(info, start);
    return { kind: "attribute", prefix, name, value };
  }

  #xmlns(shape: Extract<RecordShape, { category: "xmlns" }>, info: RecordTypeInfo, start: number): XmlnsRecord {
    const prefix = this.#prefix(shape.prefix, undefined, info, start);
    // The namespace may be empty: xmlns="" undeclares the default namespace.
    const namespace: NameString = shape.name === "string" ? this.#string(info, start, "namespace") : this.#dictionaryString();
    return { kind: "xmlns", prefix, namespace };
  }

  #prefix(form: "none" | "string" | "letter", letter: string | undefined, info: RecordTypeInfo, start: number): string {
    if (form === "none") return "";
    if (form === "letter") return letter!;
    const at = this.#pos;
    const prefix = this.#string(info, start, "prefix");
    checkName(prefix, info, "prefix", at);
    return prefix;
  }

  #name(form: "string" | "dictionary", info: RecordTypeInfo, start: number, what: string): NameString {
    const at = this.#pos;
    if (form === "string") {
      const name = this.#string(info, start, what);
      checkName(name, info, what, at);
      return name;
    }
    const name = this.#dictionaryString();
    if (name.text !== undefined) checkName(name.text, info, what, at);
    return name;
  }

  /** One text record, or a StartListText..EndListText run of them: the value of an attribute ([MC-NBFX] 2.2.2). */
  #attributeValue(attribute: RecordTypeInfo, attributeStart: number): AttributeValue {
    const first = this.#valueText(attribute, attributeStart, false);
    if (first.textType !== "startList") return first;
    const items: TextValue[] = [];
    for (;;) {
      const item = this.#valueText(attribute, attributeStart, true);
      if (item.textType === "endList") return { list: items };
      items.push(item);
    }
  }

  #valueText(attribute: RecordTypeInfo, attributeStart: number, inList: boolean): TextValue {
    const at = this.#pos;
    if (at >= this.#end) {
      throw invalidFormat(`truncated ${attribute.name} record`, attributeStart, `its value is missing at byte ${at}`);
    }
    const type = this.#bytes[this.#pos++]!;
    const info = recordTypeInfo(type);
    if (info === undefined || info.shape.category !== "text") {
      const found = info === undefined ? `unknown record type ${hexByte(type)}` : `${info.name} record`;
      throw invalidFormat(
        `${found} where the value of the ${attribute.name} record at byte ${attributeStart} should be`,
        at,
        "expected a text record",
      );
    }
    if (info.shape.withEndElement) {
      // [MC-NBFX] 2.2.3.31: "These records MUST NOT be used inside Attribute records."
      throw invalidFormat(`${info.name} record in the value of the ${attribute.name} record at byte ${attributeStart}`, at);
    }
    if (info.shape.textType === "endList" && !inList) throw invalidFormat("EndListText without a StartListText", at);
    if (info.shape.textType === "startList" && inList) throw invalidFormat("StartListText inside a list", at);
    return this.#textValue(info.shape.textType, info, at);
  }

  #array(start: number): ArrayRecord {
    const elementStart = this.#pos;
    this.#need(1, "Array", start, "its element record is missing");
    const elementType = this.#bytes[this.#pos++]!;
    const elementInfo = recordTypeInfo(elementType);
    if (elementInfo === undefined || elementInfo.shape.category !== "element") {
      throw invalidFormat(
        `Array record at byte ${start} does not start with an element record`,
        elementStart,
        `found ${hexByte(elementType)}`,
      );
    }
    const element = this.#element(elementInfo.shape, elementInfo, elementStart);
    // The repeated element nests one level below the current one, like any other element.
    this.#open(elementStart);
    this.#depth--;

    const attributes: Array<AttributeRecord | XmlnsRecord> = [];
    for (;;) {
      const at = this.#pos;
      this.#need(1, "Array", start, "its EndElement record is missing");
      const type = this.#bytes[this.#pos++]!;
      const info = recordTypeInfo(type);
      if (info?.shape.category === "attribute") {
        attributes.push(this.#attribute(info.shape, info, at));
      } else if (info?.shape.category === "xmlns") {
        attributes.push(this.#xmlns(info.shape, info, at));
      } else if (type === RecordType.EndElement) {
        break;
      } else {
        throw invalidFormat(`Array record at byte ${start} needs an EndElement record after its element`, at, `found ${hexByte(type)}`);
      }
    }

    const typeAt = this.#pos;
    this.#need(1, "Array", start, "its value record type is missing");
    const itemType = this.#bytes[this.#pos++]!;
    const itemInfo = arrayItemTypeByRecordType(itemType);
    if (itemInfo === undefined) {
      throw invalidFormat(`record type ${hexByte(itemType)} is not one an Array record may hold`, typeAt);
    }
    const countAt = this.#pos;
    const count = this.#multiByteInt31("Array length");
    if (count === 0) throw invalidFormat("Array record with a length of 0", countAt, "the length MUST NOT be zero");
    if (count > this.#maxArrayItems) {
      throw quotaExceeded(`Array record of ${count} values exceeds maxArrayItems`, countAt, `maxArrayItems is ${this.#maxArrayItems}`);
    }
    const size = count * itemInfo.size;
    this.#checkLength(size, "Array", start);
    return { kind: "array", element, attributes, items: this.#arrayItems(itemInfo, count, start) };
  }

  #arrayItems(info: ArrayItemTypeInfo, count: number, start: number): ArrayItems {
    const read = <T>(one: () => T): T[] => Array.from({ length: count }, one);
    switch (info.itemType) {
      case "bool":
        return { itemType: "bool", values: read(() => this.#bool("Array", start)) };
      case "int16":
        return { itemType: "int16", values: read(() => this.#fixed(2, (at) => this.#view.getInt16(at, true))) };
      case "int32":
        return { itemType: "int32", values: read(() => this.#fixed(4, (at) => this.#view.getInt32(at, true))) };
      case "int64":
        return { itemType: "int64", values: read(() => this.#fixed(8, (at) => this.#view.getBigInt64(at, true))) };
      case "float":
        return { itemType: "float", values: read(() => this.#fixed(4, (at) => this.#view.getFloat32(at, true))) };
      case "double":
        return { itemType: "double", values: read(() => this.#fixed(8, (at) => this.#view.getFloat64(at, true))) };
      case "decimal":
        return { itemType: "decimal", values: read(() => this.#decimal("Array", start)) };
      case "dateTime":
        return { itemType: "dateTime", values: read(() => this.#dateTime("Array", start)) };
      case "timeSpan":
        return { itemType: "timeSpan", values: read(() => this.#fixed(8, (at) => this.#view.getBigInt64(at, true))) };
      case "uuid":
        return { itemType: "uuid", values: read(() => this.#copy(16)) };
    }
  }

  // --- text records ------------------------------------------------------------------------

  /** The payload of a text record whose type byte has been read; `start` is that byte. */
  #textValue(textType: TextType, info: RecordTypeInfo, start: number): TextValue {
    const name = info.name;
    switch (textType) {
      case "zero":
      case "one":
      case "false":
      case "true":
      case "empty":
      case "startList":
      case "endList":
        return { textType };
      case "int8":
        this.#need(1, name, start);
        return { textType, value: this.#fixed(1, (at) => this.#view.getInt8(at)) };
      case "int16":
        this.#need(2, name, start);
        return { textType, value: this.#fixed(2, (at) => this.#view.getInt16(at, true)) };
      case "int32":
        this.#need(4, name, start);
        return { textType, value: this.#fixed(4, (at) => this.#view.getInt32(at, true)) };
      case "int64":
        this.#need(8, name, start);
        return { textType, value: this.#fixed(8, (at) => this.#view.getBigInt64(at, true)) };
      case "uint64":
        this.#need(8, name, start);
        return { textType, value: this.#fixed(8, (at) => this.#view.getBigUint64(at, true)) };
      case "timeSpan":
        this.#need(8, name, start);
        return { textType, value: this.#fixed(8, (at) => this.#view.getBigInt64(at, true)) };
      case "float":
        this.#need(4, name, start);
        return { textType, value: this.#fixed(4, (at) => this.#view.getFloat32(at, true)) };
      case "double":
        this.#need(8, name, start);
        return { textType, value: this.#fixed(8, (at) => this.#view.getFloat64(at, true)) };
      case "decimal":
        this.#need(16, name, start);
        return { textType, value: this.#decimal(name, start) };
      case "dateTime":
        this.#need(8, name, start);
        return { textType, value: this.#dateTime(name, start) };
      case "uniqueId":
      case "uuid":
        this.#need(16, name, start);
        return { textType, value: this.#copy(16) };
      case "bool":
        this.#need(1, name, start);
        return { textType, value: this.#bool(name, start) };
      case "chars8":
      case "chars16":
      case "chars32": {
        const length = this.#textLength(textType, name, start);
        return { textType, value: this.#utf8(length, name, start) };
      }
      case "unicodeChars8":
      case "unicodeChars16":
      case "unicodeChars32": {
        const length = this.#textLength(textType, name, start);
        const at = this.#pos;
        const value = decodeUtf16(this.#bytes.subarray(at, at + length));
        if (value === undefined) throw invalidFormat(`${name} record at byte ${start} is not well-formed UTF-16`, at);
        this.#pos += length;
        return { textType, value };
      }
      case "bytes8":
      case "bytes16":
      case "bytes32": {
        const length = this.#textLength(textType, name, start);
        return { textType, value: this.#copy(length) };
      }
      case "dictionary":
        return { textType, value: this.#dictionaryString() };
      case "qnameDictionary": {
        this.#need(1, name, start);
        const at = this.#pos;
        const letter = this.#bytes[this.#pos++]!;
        if (letter > 25)
          throw invalidFormat(`${name} record at byte ${start} has prefix ${letter}`, at, "the prefix MUST be 0 to 25 (a to z)");
        return { textType, value: { prefix: prefixLetter(letter), name: this.#dictionaryString() } };
      }
    }
  }

  /**
   * The length field of a Chars/Bytes/UnicodeChars record, checked against the bytes left.
   *
   * The 8- and 16-bit lengths are unsigned. The 32-bit ones are INT32 ("MUST be positive"): a
   * negative one is refused. UnicodeChars32Text is written with a 4-byte length like the others,
   * as the document's own example (BA 04 00 00 00 ...) and WCF do, although 2.2.3.29 says
   * MultiByteInt31.
   */
  #textLength(textType: TextType, name: string, start: number): number {
    const at = this.#pos;
    let length: number;
    if (textType.endsWith("8")) {
      this.#need(1, name, start);
      length = this.#bytes[this.#pos++]!;
    } else if (textType.endsWith("16")) {
      this.#need(2, name, start);
      length = this.#fixed(2, (p) => this.#view.getUint16(p, true));
    } else {
      this.#need(4, name, start);
      length = this.#fixed(4, (p) => this.#view.getInt32(p, true));
      if (length < 0) throw invalidFormat(`${name} record at byte ${start} has a negative length ${length}`, at);
    }
    this.#checkLength(length, name, start);
    return length;
  }

  #utf8(length: number, name: string, start: number): string {
    const at = this.#pos;
    const value = decodeUtf8(this.#bytes.subarray(at, at + length));
    if (value === undefined) throw invalidFormat(`${name} record at byte ${start} is not well-formed UTF-8`, at);
    this.#pos += length;
    return value;
  }

  #bool(name: string, start: number): boolean {
    const at = this.#pos;
    this.#need(1, name, start);
    const value = this.#bytes[this.#pos++]!;
    if (value > 1) throw invalidFormat(`${name} record at byte ${start} has Boolean value ${value}`, at, "it MUST be 0 or 1");
    return value === 1;
  }

  /** A DECIMAL ([MS-OAUT] 2.2.26), kept as its 16 bytes once its scale and sign are known to be valid. */
  #decimal(name: string, start: number): Uint8Array {
    const at = this.#pos;
    const scale = this.#bytes[at + 2]!;
    const sign = this.#bytes[at + 3]!;
    if (scale > 28) throw invalidFormat(`${name} record at byte ${start} has decimal scale ${scale}`, at, "the scale MUST be 0 to 28");
    if (sign !== 0 && sign !== 0x80)
      throw invalidFormat(`${name} record at byte ${start} has decimal sign ${hexByte(sign)}`, at, "the sign MUST be 0x00 or 0x80");
    return this.#copy(16);
  }

  #dateTime(name: string, start: number): DateTimeValue {
    const at = this.#pos;
    const raw = this.#fixed(8, (p) => this.#view.getBigUint64(p, true));
    const tz = Number(raw >> 62n);
    const ticks = raw & DATE_TIME_TICKS_MASK;
    const kind = DATE_TIME_KINDS[tz];
    if (kind === undefined) throw invalidFormat(`${name} record at byte ${start} has TZ ${tz}`, at, "TZ MUST be 0, 1 or 2");
    if (ticks >= DATE_TIME_TICKS_LIMIT) throw invalidFormat(`${name} record at byte ${start} is past 9999-12-31T23:59:59.9999999`, at);
    return { ticks, kind };
  }

  // --- strings -----------------------------------------------------------------------------

  /** A String ([MC-NBFX] 2.1.3): MultiByteInt31 byte length, then UTF-8. */
  #string(info: RecordTypeInfo, start: number, what: string): string {
    const length = this.#multiByteInt31(`${what} length`);
    this.#checkLength(length, info.name, start);
    return this.#utf8(length, info.name, start);
  }

  /** A DictionaryString ([MC-NBFX] 2.1.4), resolved as the options say ([MC-NBFS] 2.1, [MC-NBFSE] 2.2). */
  #dictionaryString(): DictionaryString {
    const at = this.#pos;
    const id = this.#multiByteInt31("dictionary string id");
    if (!this.#resolve) return { dictionaryId: id };
    if (id % 2 === 0) {
      const text = staticDictionaryString(id);
      if (text === undefined) throw invalidFormat(`dictionary string id ${id} (${hex(id)}) is not in the [MC-NBFS] static dictionary`, at);
      return { dictionaryId: id, text };
    }
    if (this.#session === undefined) {
      throw invalidFormat(
        `session dictionary string id ${id} with no session string table`,
        at,
        "odd ids refer to an [MC-NBFSE] StringTable",
      );
    }
    const text = this.#session.get(id);
    if (text === undefined) throw invalidFormat(`session dictionary string id ${id} is not in the session's string table`, at);
    return { dictionaryId: id, text };
  }

  // --- bytes -------------------------------------------------------------------------------

  #multiByteInt31(what: string): number {
    const { value, next } = readMultiByteInt31(this.#bytes, this.#pos, this.#end, what);
    this.#pos = next;
    return value;
  }

  /** Fails unless `count` more bytes of a fixed-size field are present. */
  #need(count: number, name: string, start: number, detail?: string): void {
    const left = this.#end - this.#pos;
    if (left < count) {
      throw invalidFormat(`truncated ${name} record`, start, detail ?? `needs ${count} bytes at byte ${this.#pos}, ${left} remain`);
    }
  }

  /** Fails unless a declared length fits in what is left, before anything is allocated for it. */
  #checkLength(length: number, name: string, start: number): void {
    const left = this.#end - this.#pos;
    if (length > left) {
      throw invalidFormat(
        `${name} record declares ${length} bytes past the end of the input`,
        start,
        `${left} remain after its length at byte ${this.#pos}`,
      );
    }
  }

  #fixed<T>(size: number, get: (at: number) => T): T {
    const value = get(this.#pos);
    this.#pos += size;
    return value;
  }

  /** A copy, so that records never alias a buffer the caller may reuse. */
  #copy(length: number): Uint8Array {
    const value = this.#bytes.slice(this.#pos, this.#pos + length);
    this.#pos += length;
    return value;
  }
}

function checkName(text: string, info: RecordTypeInfo, what: string, at: number): void {
  // [MC-NBFX] 2.2.1 and 2.2.2: names and prefixes MUST be non-empty and MUST NOT be "xmlns".
  if (text === "") throw invalidFormat(`${info.name} record with an empty ${what}`, at);
  if (text === "xmlns")
    throw invalidFormat(`${info.name} record with the ${what} "xmlns"`, at, "namespace declarations have their own records");
}

function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase()}`;
}
