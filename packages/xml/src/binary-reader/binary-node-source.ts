import {
  type WS_XML_ATTRIBUTE,
  type WS_XML_DICTIONARY,
  type WS_XML_NODE,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { hexByte, invalidFormat, quotaExceeded } from "../binary/binary-errors.js";
import {
  type ArrayItemTypeInfo,
  arrayItemTypeByRecordType,
  type RecordShape,
  RecordType,
  type RecordTypeInfo,
  recordTypeInfo,
} from "../binary/record-types.js";
import type { NodeSource } from "../reader/node-source.js";
import { NamespaceScope } from "../text-reader/namespace-scope.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { findRepeatedAttribute } from "../text-reader/repeated-attributes.js";
import { XmlAttributeStack } from "../text-reader/xml-attribute-stack.js";
import { BOF_NODE, commentNode, EMPTY_XML_STRING, END_ELEMENT_NODE, EOF_NODE, elementNode, xmlString } from "../text-reader/xml-nodes.js";
import { bytesEqual } from "../text-utils/xml-string.js";
import { ByteCursor } from "./byte-cursor.js";
import { DictionaryStrings } from "./dictionary-strings.js";
import { letterPrefix } from "./letter-prefixes.js";
import { readTextValue, type TextContext } from "./text-records.js";
import { EMPTY_UTF8_TEXT, type QNameText, textNodeOf } from "./text-values.js";

/** The reader properties and the dictionaries the binary reader works with (WS_XML_READER_BINARY_ENCODING). */
export interface BinarySourceOptions {
  maxDepth: number;
  maxAttributes: number;
  maxNamespaces: number;
  allowFragment: boolean;
  staticDictionary: WS_XML_DICTIONARY | null;
  dynamicDictionary: WS_XML_DICTIONARY | null;
}

type ElementShape = Extract<RecordShape, { category: "element" }>;
type AttributeShape = Extract<RecordShape, { category: "attribute" }>;
type XmlnsShape = Extract<RecordShape, { category: "xmlns" }>;
type TextShape = Extract<RecordShape, { category: "text" }>;

interface Prefix {
  /** The prefix as a JS string, the key of the namespace scope. */
  text: string;
  string: WS_XML_STRING;
}

type RawAttribute =
  | { isXmlNs: true; prefix: Prefix; ns: WS_XML_STRING; offset: number }
  | { isXmlNs: false; prefix: Prefix; localName: WS_XML_STRING; value: WS_XML_TEXT; offset: number };

/** An element start as its records hold it, before its namespaces are resolved. */
interface RawElement {
  prefix: Prefix;
  localName: WS_XML_STRING;
  offset: number;
  attributes: RawAttribute[];
  /** QNameDictionaryText attribute values, resolved once the element's declarations are in scope. */
  qnames: { text: QNameText; prefix: string; at: number }[];
}

/** An Array record being handed out as one element, text and end element per value. */
interface ArrayState {
  element: RawElement;
  itemType: ArrayItemTypeInfo;
  start: number;
  remaining: number;
  next: "element" | "text" | "end";
}

const NO_PREFIX: Prefix = { text: "", string: EMPTY_XML_STRING };
const XMLNS = new TextEncoder().encode("xmlns");
const utf8 = new TextDecoder();

/**
 * The binary XML reader ([MC-NBFX] records, [MC-NBFS]/[MC-NBFSE] dictionary strings): bytes in,
 * the same node objects as the text scanner out, one per next(). It decodes as it goes, a record
 * (an element with its attributes) at a time, so a document is read up to its first bad record
 * as WWSAPI reads it, and a failure names the byte offset of the bad record.
 *
 * Structure follows [MC-NBFX]: attribute records follow their element; a *TextWithEndElement
 * record is a text node and then an END_ELEMENT node; an Array record is, per value, an element
 * (with the record's attributes), a text node and an END_ELEMENT, the sequence WsReadArray's
 * documentation calls equivalent ("WsReadStartElement, WsReadValue, and WsReadEndElement in a
 * loop"). Elements are never empty (binary has no empty-element form). Document rules and quotas
 * are the text reader's: one root element unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT, no
 * non-white-space text outside it, MAX_DEPTH, MAX_ATTRIBUTES (namespace declarations included)
 * and MAX_NAMESPACES through the same NamespaceScope.
 */
export class BinaryNodeSource implements NodeSource {
  readonly #cursor: ByteCursor;
  readonly #scope: NamespaceScope;
  readonly #dictionary: DictionaryStrings;
  /** The namespace mark of each open element, innermost last: its length is the depth. */
  readonly #marks: number[] = [];
  /** The xml: attributes of the open elements that have any (XmlAttributeScope). */
  readonly #xmlAttributes = new XmlAttributeStack();
  readonly #content: TextContext;
  readonly #inAttribute: TextContext;
  /** Where #inAttribute puts the QName values of the element whose attributes are being read. */
  #qnames: RawElement["qnames"] = [];
  #rootSeen = false;
  #finished = false;
  #pendingEndElement = false;
  #array: ArrayState | null = null;

  constructor(
    bytes: Uint8Array,
    private readonly options: BinarySourceOptions,
  ) {
    this.#cursor = new ByteCursor(bytes);
    this.#scope = new NamespaceScope(options.maxNamespaces);
    this.#dictionary = new DictionaryStrings(options.staticDictionary, options.dynamicDictionary);
    this.#content = {
      dictionary: this.#dictionary,
      qname: (text, prefix, at) => {
        text.ns = this.#namespaceOf(prefix, at);
      },
    };
    this.#inAttribute = {
      dictionary: this.#dictionary,
      qname: (text, prefix, at) => {
        this.#qnames.push({ text, prefix, at });
      },
    };
  }

  get namespaces(): NamespaceScope {
    return this.#scope;
  }

  /** XmlAttributeScope: xml:`localName` on the innermost open element that has it. */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    return this.#xmlAttributes.find(localName);
  }

  /**
   * WS_XML_READER_PROPERTY_ROW and COLUMN have no lines to count in binary input: row 1, and the
   * column is the byte offset of the next unread byte plus one (the docs say nothing for binary).
   */
  lineColumn(): LineColumn {
    return { line: 1, column: this.#cursor.pos + 1 };
  }

  /** Binary XML has no declaration: the first node is BOF and nothing is read yet. */
  start(): WS_XML_NODE {
    return BOF_NODE;
  }

  next(): WS_XML_NODE {
    if (this.#pendingEndElement) {
      this.#pendingEndElement = false;
      return this.#closeElement();
    }
    if (this.#array !== null) return this.#nextArrayNode(this.#array);
    if (this.#finished) return EOF_NODE;
    const cursor = this.#cursor;
    if (cursor.atEnd) return this.#endOfInput();
    const start = cursor.pos;
    const type = cursor.peek()!;
    cursor.pos++;
    const info = recordTypeInfo(type);
    if (info === undefined) throw invalidFormat(`unknown record type ${hexByte(type)}`, start);
    const shape = info.shape;
    switch (shape.category) {
      case "element":
        return this.#openElement(this.#readElement(shape, info, start));
      case "attribute":
      case "xmlns":
        throw invalidFormat(`${info.name} record that does not follow an element or attribute record`, start);
      case "text":
        return this.#readText(shape, info, start);
      case "endElement":
        if (this.#marks.length === 0) throw invalidFormat("EndElement record with no open element to close", start);
        return this.#closeElement();
      case "comment":
        return commentNode(xmlString(cursor.string(info.name, start, "comment text")));
      case "array":
        return this.#startArray(start);
    }
  }

  // --- elements ------------------------------------------------------------------------

  /** An element record and the attribute and xmlns records that follow it. */
  #readElement(shape: ElementShape, info: RecordTypeInfo, start: number): RawElement {
    const prefix = this.#readPrefix(shape.prefix, shape.letter, info.name, start);
    const localName = this.#readName(shape.name, info.name, start);
    const element: RawElement = { prefix, localName, offset: start, attributes: [], qnames: [] };
    this.#readAttributes(element);
    return element;
  }

  #readAttributes(element: RawElement): void {
    const cursor = this.#cursor;
    this.#qnames = element.qnames;
    for (;;) {
      const type = cursor.peek();
      const info = type === undefined ? undefined : recordTypeInfo(type);
      if (info === undefined || (info.shape.category !== "attribute" && info.shape.category !== "xmlns")) return;
      const start = cursor.pos;
      if (element.attributes.length >= this.options.maxAttributes) {
        throw quotaExceeded(
          `an element (byte ${element.offset}) with more than ${this.options.maxAttributes} attributes`,
          start,
          "WS_XML_READER_PROPERTY_MAX_ATTRIBUTES",
        );
      }
      cursor.pos++;
      element.attributes.push(
        info.shape.category === "xmlns" ? this.#readXmlns(info.shape, info, start) : this.#readAttribute(info.shape, info, start),
      );
    }
  }

  #readAttribute(shape: AttributeShape, info: RecordTypeInfo, start: number): RawAttribute {
    const prefix = this.#readPrefix(shape.prefix, shape.letter, info.name, start);
    const localName = this.#readName(shape.name, info.name, start);
    const cursor = this.#cursor;
    const at = cursor.pos;
    if (cursor.atEnd) throw invalidFormat(`truncated ${info.name} record`, start, `its value is missing at byte ${at}`);
    const type = cursor.u8(info.name, start);
    const valueInfo = recordTypeInfo(type);
    if (valueInfo === undefined || valueInfo.shape.category !== "text") {
      const found = valueInfo === undefined ? `unknown record type ${hexByte(type)}` : `${valueInfo.name} record`;
      throw invalidFormat(`${found} where the value of the ${info.name} record at byte ${start} should be`, at, "expected a text record");
    }
    if (valueInfo.shape.withEndElement) {
      // [MC-NBFX] 2.2.3.31: "These records MUST NOT be used inside Attribute records."
      throw invalidFormat(`${valueInfo.name} record in the value of the ${info.name} record at byte ${start}`, at);
    }
    const value = readTextValue(cursor, valueInfo.shape.textType, valueInfo.name, at, this.#inAttribute);
    return { isXmlNs: false, prefix, localName, value, offset: start };
  }

  #readXmlns(shape: XmlnsShape, info: RecordTypeInfo, start: number): RawAttribute {
    const prefix = this.#readPrefix(shape.prefix, undefined, info.name, start);
    const cursor = this.#cursor;
    const at = cursor.pos;
    // The namespace may be empty: xmlns="" undeclares the default namespace.
    const ns =
      shape.name === "string"
        ? xmlString(cursor.string(info.name, start, "namespace"))
        : this.#dictionary.resolve(cursor.int31("dictionary string id"), at);
    return { isXmlNs: true, prefix, ns, offset: start };
  }

  #readPrefix(form: "none" | "string" | "letter", letter: string | undefined, record: string, start: number): Prefix {
    if (form === "none") return NO_PREFIX;
    if (form === "letter") return { text: letter!, string: letterPrefix(letter!.charCodeAt(0) - 0x61) };
    const at = this.#cursor.pos;
    const bytes = this.#cursor.string(record, start, "prefix");
    checkName(bytes, record, "prefix", at);
    return { text: utf8.decode(bytes), string: xmlString(bytes) };
  }

  #readName(form: "string" | "dictionary", record: string, start: number): WS_XML_STRING {
    const cursor = this.#cursor;
    const at = cursor.pos;
    const name =
      form === "string"
        ? xmlString(cursor.string(record, start, "name"))
        : this.#dictionary.resolve(cursor.int31("dictionary string id"), at);
    checkName(name.bytes, record, "name", at);
    return name;
  }

  /** Declares the element's namespaces, resolves its names and attributes, and opens it. */
  #openElement(raw: RawElement): WS_XML_NODE {
    const depth = this.#marks.length;
    if (depth === 0 && this.#rootSeen && !this.options.allowFragment) {
      throw invalidFormat("a second root element (only one is allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is set)", raw.offset);
    }
    if (depth >= this.options.maxDepth) {
      throw quotaExceeded(`the element nesting goes deeper than ${this.options.maxDepth}`, raw.offset, "WS_XML_READER_PROPERTY_MAX_DEPTH");
    }
    const scope = this.#scope;
    const mark = scope.mark();
    for (const a of raw.attributes) if (a.isXmlNs) scope.declare(a.prefix.text, a.ns, () => `at byte ${a.offset}`);
    const attributes: WS_XML_ATTRIBUTE[] = raw.attributes.map((a) =>
      a.isXmlNs
        ? { singleQuote: 0, isXmlNs: 1, prefix: a.prefix.string, localName: null, ns: a.ns, value: EMPTY_UTF8_TEXT }
        : {
            singleQuote: 0,
            isXmlNs: 0,
            prefix: a.prefix.string,
            localName: a.localName,
            // Unprefixed attributes are in no namespace, whatever the default namespace.
            ns: a.prefix.text === "" ? EMPTY_XML_STRING : this.#namespaceOf(a.prefix.text, a.offset),
            value: a.value,
          },
    );
    checkRepeatedAttributes(attributes, raw.attributes);
    for (const q of raw.qnames) q.text.ns = this.#namespaceOf(q.prefix, q.at);
    const ns = this.#namespaceOf(raw.prefix.text, raw.offset);
    this.#marks.push(mark);
    this.#xmlAttributes.pushFrom(this.#marks.length, attributes);
    this.#rootSeen = true;
    return elementNode(raw.prefix.string, raw.localName, ns, attributes, false);
  }

  #namespaceOf(prefix: string, at: number): WS_XML_STRING {
    const ns = this.#scope.lookup(prefix);
    if (ns === undefined) throw invalidFormat(`the prefix "${prefix}" is not declared`, at);
    return ns;
  }

  #closeElement(): WS_XML_NODE {
    this.#scope.popTo(this.#marks.pop()!);
    this.#xmlAttributes.popTo(this.#marks.length);
    return END_ELEMENT_NODE;
  }

  #endOfInput(): WS_XML_NODE {
    const open = this.#marks.length;
    if (open > 0) throw invalidFormat(`the input ends with ${open} element(s) still open`, this.#cursor.pos);
    if (!this.#rootSeen && !this.options.allowFragment) throw invalidFormat("the document has no root element", this.#cursor.pos);
    this.#finished = true;
    return EOF_NODE;
  }

  // --- text ------------------------------------------------------------------------------

  #readText({ textType, withEndElement }: TextShape, info: RecordTypeInfo, start: number): WS_XML_NODE {
    const outside = this.#marks.length === 0;
    if (withEndElement && outside) throw invalidFormat(`${info.name} record with no open element to close`, start);
    const text = readTextValue(this.#cursor, textType, info.name, start, this.#content);
    // Outside the root only white space may stand (XML 1.0 Misc), as in text.
    if (outside && !this.options.allowFragment && !isWhitespaceText(text)) throw invalidFormat("text outside the root element", start);
    this.#pendingEndElement = withEndElement;
    return textNodeOf(text);
  }

  // --- arrays ----------------------------------------------------------------------------

  /** An Array record ([MC-NBFX] 2.3.3): element, attributes, EndElement, value type, count, values. */
  #startArray(start: number): WS_XML_NODE {
    const cursor = this.#cursor;
    const elementStart = cursor.pos;
    const type = cursor.u8("Array", start);
    const info = recordTypeInfo(type);
    if (info === undefined || info.shape.category !== "element") {
      throw invalidFormat(`Array record at byte ${start} does not start with an element record`, elementStart, `found ${hexByte(type)}`);
    }
    const element = this.#readElement(info.shape, info, elementStart);
    const endAt = cursor.pos;
    const end = cursor.u8("Array", start);
    if (end !== RecordType.EndElement) {
      throw invalidFormat(`Array record at byte ${start} needs an EndElement record after its element`, endAt, `found ${hexByte(end)}`);
    }
    const typeAt = cursor.pos;
    const itemRecordType = cursor.u8("Array", start);
    const itemType = arrayItemTypeByRecordType(itemRecordType);
    if (itemType === undefined) throw invalidFormat(`record type ${hexByte(itemRecordType)} is not one an Array record may hold`, typeAt);
    const countAt = cursor.pos;
    const count = cursor.int31("Array length");
    if (count === 0) throw invalidFormat("Array record with a length of 0", countAt, "the length MUST NOT be zero");
    // The values have a fixed size: all of them must be there before the first is handed out.
    cursor.checkLength(count * itemType.size, "Array", start);
    const array: ArrayState = { element, itemType, start, remaining: count, next: "element" };
    this.#array = array;
    return this.#nextArrayNode(array);
  }

  #nextArrayNode(array: ArrayState): WS_XML_NODE {
    switch (array.next) {
      case "element":
        array.next = "text";
        return this.#openElement(array.element);
      case "text":
        array.next = "end";
        return textNodeOf(readTextValue(this.#cursor, array.itemType.itemType, "Array", array.start, this.#content));
      case "end":
        array.next = "element";
        if (--array.remaining === 0) this.#array = null;
        return this.#closeElement();
    }
  }
}

/** [MC-NBFX] 2.2.1, 2.2.2: names and prefixes are not empty and not "xmlns" (declarations have their own records). */
function checkName(bytes: Uint8Array, record: string, what: string, at: number): void {
  if (bytes.length === 0) throw invalidFormat(`${record} record with an empty ${what}`, at);
  if (bytesEqual(bytes, XMLNS))
    throw invalidFormat(`${record} record with the ${what} "xmlns"`, at, "namespace declarations have their own records");
}

/** Namespaces in XML: no two attributes with the same expanded name, nor two declarations of a prefix. */
function checkRepeatedAttributes(attributes: readonly WS_XML_ATTRIBUTE[], raw: readonly RawAttribute[]): void {
  const repeated = findRepeatedAttribute(attributes);
  if (repeated >= 0) throw invalidFormat("an attribute is repeated", raw[repeated]!.offset);
}

function isWhitespaceText(text: WS_XML_TEXT): boolean {
  if (text.textType !== WS_XML_TEXT_TYPE_UTF8) return false;
  for (const b of (text as WS_XML_UTF8_TEXT).value.bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}
