import { type WS_XML_BASE64_TEXT, type WS_XML_TEXT, WS_XML_TEXT_TYPE_BASE64 } from "@wwsapi/core";
import { RecordType, textTypeInfo } from "../binary/record-types.js";
import type { AttributeValue, NbfxRecord, TextValue } from "../binary/records.js";
import { decodeUtf8 } from "../binary/text-encoding.js";
import { writeRecords } from "../binary/write-records.js";
import { base64Text } from "../binary-reader/text-values.js";
import type { NodeSink, SinkAttribute, SinkStartTag } from "../writer/node-sink.js";
import type { BinaryOutput } from "./binary-output.js";
import type { DictionaryNames } from "./dictionary-names.js";
import { charsRecord, charsText, recordText } from "./text-records.js";

const END_ELEMENT = Uint8Array.of(RecordType.EndElement);
const NO_STRINGS = {};
/** How many element records a sink keeps (elementRecord): a document has few distinct element names. */
const MAX_ELEMENT_RECORDS = 256;

/**
 * The node sink of a writer with WS_XML_WRITER_BINARY_ENCODING: what the TextWriter commits, as
 * [MC-NBFX] records (binary/write-records.ts chooses each record's form). The TextWriter keeps all
 * the rules of the document — order of calls, namespace declarations and generated prefixes,
 * quotas — so the binary document holds what the text one would. What Windows writes, from the
 * Wine conformance tests:
 *
 * - An element is its element record, then its attribute records in the order written, then its
 *   xmlns records (`<t p:t="" xmlns:p="ns"/>` is 0x40 t, 0x35 t 0x98 0x00, 0x09 p ns, 0x01).
 *   The record forms: Short* without a prefix, the Prefix*A..Z ranges for a one-letter prefix, the
 *   general form otherwise, each in its Dictionary variant when the name is a dictionary string
 *   (dictionary-names.ts).
 * - An element with no content is its start and an EndElement (`<t/>`: 0x40 0x01 t 0x01); "the
 *   binary encoding does not support empty elements" (WS_XML_WRITER_PROPERTY_COMPRESS_EMPTY_ELEMENTS).
 * - An attribute with no value has an empty Chars8Text (0x98 0x00).
 * - Text is one record per piece written (base64 bytes go in whole 3-byte groups, then the rest:
 *   "test" is Bytes8Text "tes" and Bytes8TextWithEndElement "t"); the last record before the end of
 *   its element is its *WithEndElement variant, which ends the element (0x99 0x04 "test"). The
 *   record is written at once and its type byte moved to the variant when the end comes
 *   (BinaryOutput.patch), so the bytes written so far are always there to read.
 * - A comment is a Comment record (0x02 0x07 "comment").
 *
 * CDATA has no record in [MC-NBFX]: a CDATA section's text is written as text, the way its
 * characters read. An attribute value is one text record, or a list: pieces written in several
 * calls are joined first.
 */
export class BinarySink implements NodeSink {
  readonly typedText = true;
  /** Where the last text record starts while nothing has been written after it; -1 when there is none. */
  private lastText = -1;
  /**
   * The element records of start tags with no attribute and no xmlns attribute, by prefix and then
   * name spelled out: a document repeats its element names, and encoding the record spells the
   * name out in UTF-8 each time.
   */
  private readonly elementRecords = new Map<string, Map<string, Uint8Array>>();
  private elementRecordCount = 0;

  constructor(
    private readonly output: BinaryOutput,
    private readonly names: DictionaryNames,
  ) {}

  startElement(
    fn: string,
    prefix: string,
    localName: string,
    ns: string,
    attributes: readonly SinkAttribute[],
    declarations: SinkStartTag["declarations"],
    strings: SinkStartTag["strings"] = NO_STRINGS,
  ): void {
    if (attributes.length === 0 && declarations.length === 0) {
      const name = this.names.resolve(fn, localName, strings.localName, true);
      this.output.append(
        fn,
        typeof name === "string" ? this.elementRecord(prefix, name) : writeRecords([{ kind: "element", prefix, name }]),
      );
    } else {
      const records = this.startTagRecords(fn, { prefix, localName, ns, attributes, declarations, strings }, true);
      this.output.append(fn, writeRecords(records));
    }
    this.lastText = -1;
  }

  /** The element record of `prefix`:`name` (a name spelled out), encoded once per document. */
  private elementRecord(prefix: string, name: string): Uint8Array {
    let byName = this.elementRecords.get(prefix);
    const known = byName?.get(name);
    if (known !== undefined) return known;
    const record = writeRecords([{ kind: "element", prefix, name }]);
    if (this.elementRecordCount < MAX_ELEMENT_RECORDS) {
      if (byName === undefined) {
        byName = new Map();
        this.elementRecords.set(prefix, byName);
      }
      byName.set(name, record);
      this.elementRecordCount++;
    }
    return record;
  }

  endElement(fn: string): void {
    const at = this.lastText;
    this.lastText = -1;
    if (at >= 0) this.output.patch(at, this.output.byteAt(at) + 1);
    else this.output.append(fn, END_ELEMENT);
  }

  text(fn: string, utf8: Uint8Array, typed?: WS_XML_TEXT): void {
    if (typed === undefined) {
      // Characters (WsWriteChars, CDATA, ...): the chars record, which has a WithEndElement variant.
      const at = this.output.length;
      this.output.append(fn, charsRecord(utf8));
      this.lastText = at;
      return;
    }
    const text = recordText(fn, typed, utf8, this.names);
    if ("list" in text) {
      const items = text.list.map((item): NbfxRecord => ({ kind: "text", ...item, withEndElement: false }));
      this.output.append(fn, writeRecords([listMark("startList"), ...items, listMark("endList")]));
      this.lastText = -1;
      return;
    }
    const at = this.output.length;
    this.output.append(fn, textRecord(text));
    this.lastText = textTypeInfo(text.textType)?.hasWithEndElement === true ? at : -1;
  }

  comment(fn: string, utf8: Uint8Array): void {
    this.output.append(fn, writeRecords([{ kind: "comment", text: decodeUtf8(utf8) ?? "" }]));
    this.lastText = -1;
  }

  startCData(_fn: string): void {}

  endCData(_fn: string): void {}

  /**
   * "The maximum number of bytes necessary to close any open elements": an EndElement for each,
   * and the records of a start tag not yet written. The dynamic string callback is not called for
   * it (a property query calls nothing out): a name it has not answered for counts at its length.
   */
  bytesToClose(openElements: number, start: SinkStartTag | null): number {
    const fn = "WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE";
    const startTag = start === null ? 0 : writeRecords(this.startTagRecords(fn, start, false)).length;
    return startTag + openElements * END_ELEMENT.length;
  }

  private startTagRecords(fn: string, tag: SinkStartTag, ask: boolean): NbfxRecord[] {
    const { names } = this;
    const element = names.resolve(fn, tag.localName, tag.strings.localName, ask);
    const records: NbfxRecord[] = [{ kind: "element", prefix: tag.prefix, name: element }];
    for (const attribute of tag.attributes) {
      const name = names.resolve(fn, attribute.localName, attribute.strings?.localName, ask);
      records.push({ kind: "attribute", prefix: attribute.prefix, name, value: this.attributeValue(fn, attribute, ask) });
    }
    for (const declaration of tag.declarations) {
      const namespace = names.resolve(fn, declaration.ns, declaration.nsString, ask);
      records.push({ kind: "xmlns", prefix: declaration.prefix, namespace });
    }
    return records;
  }

  /** One text record (or list): the value's one typed piece, its bytes when every piece was bytes, else its characters. */
  private attributeValue(fn: string, attribute: SinkAttribute, ask: boolean): AttributeValue {
    const texts = attribute.texts;
    if (texts?.length === 1) return recordText(fn, texts[0], attribute.value, this.names, ask);
    if (texts !== undefined && texts.length > 1 && texts.every((text) => text.textType === WS_XML_TEXT_TYPE_BASE64)) {
      const joined = joinBytes(texts.map((text) => (text as WS_XML_BASE64_TEXT).bytes));
      return recordText(fn, base64Text(joined), attribute.value, this.names);
    }
    return charsText(attribute.value);
  }
}

/**
 * The records of the texts that have few values (FalseText, TrueText, ZeroText, OneText and the 256
 * Int8Texts), encoded by writeRecords the first time and then reused: booleans and small numbers
 * are common values, and encoding a record makes several objects. By smallTextIndex.
 */
const smallTextRecords: (Uint8Array | undefined)[] = [];

/** Where a few-valued text's record is kept in smallTextRecords, or -1 for any other text. */
function smallTextIndex(text: TextValue): number {
  switch (text.textType) {
    case "false":
      return 0;
    case "true":
      return 1;
    case "zero":
      return 2;
    case "one":
      return 3;
    case "int8":
      // integerText makes int8 only for -128..127; anything else goes to writeRecords to be refused there.
      return Number.isInteger(text.value) && text.value >= -128 && text.value < 128 ? 4 + 128 + text.value : -1;
  }
  return -1;
}

/** The encoded record of one text (not a list), not yet its WithEndElement variant. */
function textRecord(text: TextValue): Uint8Array {
  const index = smallTextIndex(text);
  if (index < 0) return writeRecords([{ kind: "text", ...text, withEndElement: false }]);
  smallTextRecords[index] ??= writeRecords([{ kind: "text", ...text, withEndElement: false }]);
  return smallTextRecords[index];
}

function listMark(textType: "startList" | "endList"): NbfxRecord {
  return { kind: "text", textType, withEndElement: false };
}

function joinBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return joined;
}
