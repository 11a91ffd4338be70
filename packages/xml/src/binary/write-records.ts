import { ByteWriter } from "../shared/byte-writer.js";
import { invalidRecord } from "./binary-errors.js";
import { isMultiByteInt31, MULTI_BYTE_INT31_MAX } from "./multi-byte-int31.js";
import {
  arrayItemTypeInfo,
  attributeRecordTypeFor,
  elementRecordTypeFor,
  prefixLetterIndex,
  RecordType,
  textTypeInfo,
  xmlnsRecordTypeFor,
} from "./record-types.js";
import type {
  ArrayItems,
  AttributeValue,
  DateTimeKind,
  DateTimeValue,
  DictionaryString,
  ElementRecord,
  NameString,
  NbfxRecord,
  TextValue,
} from "./records.js";
import { encodeUtf8, encodeUtf16, isWellFormed } from "./text-encoding.js";

/**
 * The encoder of [MC-NBFX] documents: the record model of records.ts to bytes, choosing for each
 * element and attribute the record type WCF's binary writer chooses (record-types.ts) and writing
 * every text record exactly as its `textType` says, so that a sequence decoded from WCF's bytes
 * encodes back to the same bytes.
 *
 * It checks that every record can be encoded (ranges, lengths, names, where attributes stand) and
 * throws E_INVALIDARG naming the record's index when one cannot. It does not check that elements
 * balance: a caller may write a document in several pieces.
 */
export function writeRecords(records: readonly NbfxRecord[]): Uint8Array {
  const out = new ByteWriter();
  let afterElementOrAttribute = false;
  records.forEach((record, index) => {
    const encoder = new RecordEncoder(out, index);
    switch (record.kind) {
      case "element":
        encoder.element(record);
        afterElementOrAttribute = true;
        break;
      case "attribute":
      case "xmlns":
        if (!afterElementOrAttribute)
          throw invalidRecord(`${record.kind} record that does not follow an element or attribute record`, index);
        if (record.kind === "xmlns") encoder.xmlns(record.prefix, record.namespace);
        else encoder.attribute(record.prefix, record.name, record.value);
        break;
      case "text":
        encoder.text(record, record.withEndElement);
        afterElementOrAttribute = false;
        break;
      case "endElement":
        out.u8(RecordType.EndElement);
        afterElementOrAttribute = false;
        break;
      case "comment":
        out.u8(RecordType.Comment);
        encoder.string(record.text, "comment text");
        afterElementOrAttribute = false;
        break;
      case "array":
        encoder.array(record.element, record.attributes, record.items);
        afterElementOrAttribute = false;
        break;
      default:
        throw invalidRecord(`unknown record kind ${JSON.stringify((record as { kind?: unknown }).kind)}`, index);
    }
  });
  return out.toBytes();
}

const DATE_TIME_TICKS_LIMIT = 3155378976000000000n;
const DATE_TIME_TZ: Readonly<Record<DateTimeKind, bigint>> = { unspecified: 0n, utc: 1n, local: 2n };
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Encodes the parts of one record; `index` is the record's position, for error messages. */
class RecordEncoder {
  readonly #out: ByteWriter;
  readonly #index: number;

  constructor(out: ByteWriter, index: number) {
    this.#out = out;
    this.#index = index;
  }

  #fail(message: string): never {
    throw invalidRecord(message, this.#index);
  }

  element(record: ElementRecord): void {
    const { prefix, name } = record;
    if (typeof prefix !== "string") this.#fail("element prefix is not a string");
    if (prefix === "xmlns") this.#fail('element prefix "xmlns"');
    const form = nameForm(name);
    const type = elementRecordTypeFor(prefix, form);
    this.#out.u8(type);
    if (type === RecordType.Element || type === RecordType.DictionaryElement) this.string(prefix, "element prefix");
    this.#name(name, "element name");
  }

  attribute(prefix: string, name: NameString, value: AttributeValue): void {
    if (typeof prefix !== "string") this.#fail("attribute prefix is not a string");
    if (prefix === "xmlns") this.#fail('attribute prefix "xmlns": use an xmlns record');
    const type = attributeRecordTypeFor(prefix, nameForm(name));
    this.#out.u8(type);
    if (type === RecordType.Attribute || type === RecordType.DictionaryAttribute) this.string(prefix, "attribute prefix");
    this.#name(name, "attribute name");
    this.#attributeValue(value);
  }

  xmlns(prefix: string, namespace: NameString): void {
    if (typeof prefix !== "string") this.#fail("xmlns prefix is not a string");
    if (prefix === "xmlns") this.#fail('xmlns prefix "xmlns"');
    const form = nameForm(namespace);
    this.#out.u8(xmlnsRecordTypeFor(prefix, form));
    if (prefix !== "") this.string(prefix, "xmlns prefix");
    if (typeof namespace === "string") this.string(namespace, "namespace");
    else this.#dictionaryString(namespace, "namespace");
  }

  #attributeValue(value: AttributeValue): void {
    if (typeof value !== "object" || value === null) this.#fail("attribute value is not a text value");
    if ("list" in value) {
      this.#out.u8(RecordType.StartListText);
      for (const item of value.list) {
        if (item.textType === "startList" || item.textType === "endList") this.#fail(`${item.textType} text inside an attribute's list`);
        this.text(item, false);
      }
      this.#out.u8(RecordType.EndListText);
      return;
    }
    // A lone StartListText/EndListText would leave the list unbalanced; `list` writes both.
    if (value.textType === "startList" || value.textType === "endList")
      this.#fail(`attribute value of type ${value.textType}: use { list }`);
    this.text(value, false);
  }

  text(value: TextValue, withEndElement: boolean): void {
    const info = textTypeInfo(value.textType);
    if (info === undefined) this.#fail(`unknown text type ${JSON.stringify(value.textType)}`);
    if (withEndElement && !info.hasWithEndElement) this.#fail(`${info.name} has no WithEndElement form`);
    const out = this.#out;
    out.u8(info.recordType + (withEndElement ? 1 : 0));
    switch (value.textType) {
      case "zero":
      case "one":
      case "false":
      case "true":
      case "empty":
      case "startList":
      case "endList":
        return;
      case "int8":
        out.u8(this.#int(value.value, -0x80, 0x7f, info.name) & 0xff);
        return;
      case "int16":
        out.i16(this.#int(value.value, -0x8000, 0x7fff, info.name));
        return;
      case "int32":
        out.i32(this.#int(value.value, -0x80000000, 0x7fffffff, info.name));
        return;
      case "int64":
      case "timeSpan":
        out.i64(this.#bigint(value.value, INT64_MIN, INT64_MAX, info.name));
        return;
      case "uint64":
        out.u64(this.#bigint(value.value, 0n, UINT64_MAX, info.name));
        return;
      case "float":
        out.f32(this.#number(value.value, info.name));
        return;
      case "double":
        out.f64(this.#number(value.value, info.name));
        return;
      case "decimal":
        out.bytes(this.#decimal(value.value, info.name));
        return;
      case "dateTime":
        out.u64(this.#dateTime(value.value, info.name));
        return;
      case "uniqueId":
      case "uuid":
        out.bytes(this.#sixteen(value.value, info.name));
        return;
      case "bool":
        if (typeof value.value !== "boolean") this.#fail(`${info.name} value is not a boolean`);
        out.u8(value.value ? 1 : 0);
        return;
      case "chars8":
      case "chars16":
      case "chars32":
        this.#sized(this.#utf8(value.value, info.name), value.textType, info.name);
        return;
      case "unicodeChars8":
      case "unicodeChars16":
      case "unicodeChars32":
        this.#sized(this.#utf16(value.value, info.name), value.textType, info.name);
        return;
      case "bytes8":
      case "bytes16":
      case "bytes32":
        if (!(value.value instanceof Uint8Array)) this.#fail(`${info.name} value is not a Uint8Array`);
        this.#sized(value.value, value.textType, info.name);
        return;
      case "dictionary":
        this.#dictionaryString(value.value, info.name);
        return;
      case "qnameDictionary": {
        const letter = prefixLetterIndex(value.value?.prefix);
        if (letter < 0) this.#fail(`${info.name} prefix ${JSON.stringify(value.value?.prefix)} is not a single letter a-z`);
        out.u8(letter);
        this.#dictionaryString(value.value.name, info.name);
        return;
      }
    }
  }

  array(element: ElementRecord, attributes: readonly NbfxRecord[], items: ArrayItems): void {
    const info = arrayItemTypeInfo(items?.itemType);
    if (info === undefined) this.#fail(`Array item type ${JSON.stringify(items?.itemType)} is not one an Array record may hold`);
    const count = items.values.length;
    if (count === 0) this.#fail("Array record with no values (its length MUST NOT be zero)");
    if (count > MULTI_BYTE_INT31_MAX) this.#fail("Array record with too many values");
    this.#out.u8(RecordType.Array);
    this.element(element);
    for (const attribute of attributes) {
      if (attribute.kind === "attribute") this.attribute(attribute.prefix, attribute.name, attribute.value);
      else if (attribute.kind === "xmlns") this.xmlns(attribute.prefix, attribute.namespace);
      else this.#fail(`${attribute.kind} record among an Array record's attributes`);
    }
    const out = this.#out;
    out.u8(RecordType.EndElement);
    out.u8(info.recordType);
    out.multiByteInt31(count);
    const name = "Array value";
    switch (items.itemType) {
      case "bool":
        for (const v of items.values) {
          if (typeof v !== "boolean") this.#fail(`${name} is not a boolean`);
          out.u8(v ? 1 : 0);
        }
        return;
      case "int16":
        for (const v of items.values) out.i16(this.#int(v, -0x8000, 0x7fff, name));
        return;
      case "int32":
        for (const v of items.values) out.i32(this.#int(v, -0x80000000, 0x7fffffff, name));
        return;
      case "float":
        for (const v of items.values) out.f32(this.#number(v, name));
        return;
      case "double":
        for (const v of items.values) out.f64(this.#number(v, name));
        return;
      case "int64":
      case "timeSpan":
        for (const v of items.values) out.i64(this.#bigint(v, INT64_MIN, INT64_MAX, name));
        return;
      case "decimal":
        for (const v of items.values) out.bytes(this.#decimal(v, name));
        return;
      case "uuid":
        for (const v of items.values) out.bytes(this.#sixteen(v, name));
        return;
      case "dateTime":
        for (const v of items.values) out.u64(this.#dateTime(v, name));
        return;
    }
  }

  // --- pieces ------------------------------------------------------------------------------

  /** A String ([MC-NBFX] 2.1.3). */
  string(text: string, what: string): void {
    if (typeof text !== "string") this.#fail(`${what} is not a string`);
    const bytes = this.#utf8(text, what);
    this.#out.multiByteInt31(bytes.length);
    this.#out.bytes(bytes);
  }

  #name(name: NameString, what: string): void {
    if (typeof name === "string") {
      if (name === "" || name === "xmlns") this.#fail(`${what} ${JSON.stringify(name)} (names MUST be non-empty and MUST NOT be "xmlns")`);
      this.string(name, what);
    } else {
      this.#dictionaryString(name, what);
    }
  }

  #dictionaryString(value: DictionaryString, what: string): void {
    const id = value?.dictionaryId;
    if (!isMultiByteInt31(id)) this.#fail(`${what}: dictionary id ${String(id)} is not an integer from 0 to 2^31-1`);
    this.#out.multiByteInt31(id);
  }

  /** The length field of a Chars/Bytes/UnicodeChars record in the width its type says, then the bytes. */
  #sized(bytes: Uint8Array, textType: string, name: string): void {
    const out = this.#out;
    if (textType.endsWith("8")) {
      if (bytes.length > 0xff) this.#fail(`${name} holds at most 255 bytes, not ${bytes.length}`);
      out.u8(bytes.length);
    } else if (textType.endsWith("16")) {
      if (bytes.length > 0xffff) this.#fail(`${name} holds at most 65535 bytes, not ${bytes.length}`);
      out.u16(bytes.length);
    } else {
      if (bytes.length > 0x7fffffff) this.#fail(`${name} holds at most 2^31-1 bytes`);
      out.i32(bytes.length);
    }
    out.bytes(bytes);
  }

  #utf8(text: string, what: string): Uint8Array {
    if (typeof text !== "string") this.#fail(`${what} is not a string`);
    if (!isWellFormed(text)) this.#fail(`${what} has an unpaired surrogate, which UTF-8 cannot encode`);
    return encodeUtf8(text);
  }

  #utf16(text: string, what: string): Uint8Array {
    if (typeof text !== "string") this.#fail(`${what} is not a string`);
    if (!isWellFormed(text)) this.#fail(`${what} has an unpaired surrogate`);
    return encodeUtf16(text);
  }

  #int(value: number, min: number, max: number, what: string): number {
    if (!Number.isInteger(value) || value < min || value > max)
      this.#fail(`${what} value ${String(value)} is not an integer from ${min} to ${max}`);
    return value;
  }

  #bigint(value: bigint, min: bigint, max: bigint, what: string): bigint {
    if (typeof value !== "bigint" || value < min || value > max)
      this.#fail(`${what} value ${String(value)} is not a bigint from ${min} to ${max}`);
    return value;
  }

  #number(value: number, what: string): number {
    if (typeof value !== "number") this.#fail(`${what} value is not a number`);
    return value;
  }

  #sixteen(value: Uint8Array, what: string): Uint8Array {
    if (!(value instanceof Uint8Array) || value.length !== 16) this.#fail(`${what} value is not 16 bytes`);
    return value;
  }

  #decimal(value: Uint8Array, what: string): Uint8Array {
    const bytes = this.#sixteen(value, what);
    if (bytes[2]! > 28) this.#fail(`${what} scale ${bytes[2]} is not 0 to 28`);
    if (bytes[3] !== 0 && bytes[3] !== 0x80) this.#fail(`${what} sign byte ${bytes[3]} is not 0x00 or 0x80`);
    return bytes;
  }

  #dateTime(value: DateTimeValue, what: string): bigint {
    const tz = DATE_TIME_TZ[value?.kind];
    if (tz === undefined) this.#fail(`${what} kind ${JSON.stringify(value?.kind)} is not unspecified, utc or local`);
    const ticks = value.ticks;
    if (typeof ticks !== "bigint" || ticks < 0n || ticks >= DATE_TIME_TICKS_LIMIT)
      this.#fail(`${what} ticks ${String(ticks)} out of range`);
    return (tz << 62n) | ticks;
  }
}

function nameForm(name: NameString): "string" | "dictionary" {
  return typeof name === "string" ? "string" : "dictionary";
}
