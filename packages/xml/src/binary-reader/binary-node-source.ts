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
import { isUtf8 } from "../binary/text-encoding.js";
import type { NodeSource } from "../reader/node-source.js";
import { NamespaceScope, type PlaceDescriber } from "../text-reader/namespace-scope.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { findRepeatedAttribute } from "../text-reader/repeated-attributes.js";
import { XmlAttributeStack } from "../text-reader/xml-attribute-stack.js";
import {
  BOF_NODE,
  commentNode,
  EMPTY_XML_STRING,
  END_ELEMENT_NODE,
  EOF_NODE,
  elementNode,
  utf8Text,
  xmlString,
} from "../text-reader/xml-nodes.js";
import { bytesEqual } from "../text-utils/xml-string.js";
import { BinaryName, cachedBinaryName, cachedNameAt, newBinaryName } from "./binary-names.js";
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

type AttributeShape = Extract<RecordShape, { category: "attribute" }>;
type XmlnsShape = Extract<RecordShape, { category: "xmlns" }>;

/** A prefix: its WS_XML_STRING, its text (the key of the namespace scope) and its last lookup. */
type Prefix = BinaryName;

type RawAttribute =
  | { isXmlNs: true; prefix: Prefix; ns: WS_XML_STRING; offset: number }
  | { isXmlNs: false; prefix: Prefix; localName: WS_XML_STRING; value: WS_XML_TEXT; offset: number };

type QNameValue = { text: QNameText; prefix: string; at: number };

/** An element start as its records hold it, before its namespaces are resolved (kept for an Array record). */
interface RawElement {
  prefix: Prefix;
  localName: WS_XML_STRING;
  offset: number;
  attributes: RawAttribute[];
  /** QNameDictionaryText attribute values, resolved once the element's declarations are in scope. */
  qnames: QNameValue[];
}

/** An Array record being handed out as one element, text and end element per value. */
interface ArrayState {
  element: RawElement;
  itemType: ArrayItemTypeInfo;
  start: number;
  remaining: number;
  next: "element" | "text" | "end";
}

const EMPTY_BYTES = new Uint8Array(0);
const NO_PREFIX: Prefix = new BinaryName(EMPTY_XML_STRING, "", EMPTY_BYTES, 0, -1);
/** The prefixes "a" to "z" of the PrefixElement/PrefixAttribute ranges, shared (their lookups are cached too). */
const LETTER_PREFIXES: readonly Prefix[] = Array.from(
  { length: 26 },
  (_, index) => new BinaryName(letterPrefix(index), String.fromCharCode(0x61 + index), EMPTY_BYTES, 0, -1),
);
const XMLNS = new TextEncoder().encode("xmlns");
/**
 * The raw attributes and QName values of an element that has none: shared, never added to (an
 * element's own lists are made on its first attribute or QName value).
 */
const NO_RAW_ATTRIBUTES: RawAttribute[] = Object.freeze([]) as unknown as RawAttribute[];
const NO_QNAMES: QNameValue[] = Object.freeze([]) as unknown as QNameValue[];
/**
 * The attributes of every element that has none: one frozen array, as the text reader does. Nodes
 * are read-only to their users ("The node returned should not be modified", WsGetReaderNode).
 */
const NO_ATTRIBUTES: WS_XML_ATTRIBUTE[] = Object.freeze([]) as unknown as WS_XML_ATTRIBUTE[];

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
 *
 * Speed: next() takes the records of nearly every document (elements, EndElement, Chars8Text in
 * an element) by their type byte before the record table; String names are shared, already checked
 * WS_XML_STRINGs (binary-names.ts) found by a guess or a hash rather than decoded; texts are
 * validated as UTF-8 by a loop (isUtf8) and handed out as views of the input; a prefix remembers its
 * namespace lookup. Nothing per node is a closure or a JS string. A node itself is a new object each
 * time, as in the text reader: code of this package may still read a node after the reader moved.
 */
export class BinaryNodeSource implements NodeSource, TextContext {
  readonly #cursor: ByteCursor;
  readonly #bytes: Uint8Array;
  readonly #scope: NamespaceScope;
  readonly #dictionary: DictionaryStrings;
  /** The namespace mark of each open element, innermost last: its length is the depth. */
  readonly #marks: number[] = [];
  /** The xml: attributes of the open elements that have any (XmlAttributeScope); made on the first. */
  #xmlAttributes: XmlAttributeStack | null = null;
  /**
   * Whether the text being read is an attribute's value, whose QName values (see qname) wait in
   * #qnames for the element's declarations.
   */
  #inAttributeValue = false;
  #qnames: QNameValue[] = NO_QNAMES;
  /** The element record #readElement read last: its prefix, name, offset, attributes and QName values. */
  #prefix: Prefix = NO_PREFIX;
  #localName: WS_XML_STRING = EMPTY_XML_STRING;
  #offset = 0;
  #attributes: RawAttribute[] = NO_RAW_ATTRIBUTES;
  /** The String name or prefix read last, whose followedBy guesses the next (see BinaryName). */
  #lastName: BinaryName | null = null;
  #rootSeen = false;
  #finished = false;
  #pendingEndElement = false;
  #array: ArrayState | null = null;

  constructor(
    bytes: Uint8Array,
    private readonly options: BinarySourceOptions,
  ) {
    this.#cursor = new ByteCursor(bytes);
    this.#bytes = bytes;
    this.#scope = new NamespaceScope(options.maxNamespaces);
    this.#dictionary = new DictionaryStrings(options.staticDictionary, options.dynamicDictionary);
  }

  /** TextContext: the dictionaries of DictionaryString ids. */
  get dictionary(): DictionaryStrings {
    return this.#dictionary;
  }

  /**
   * TextContext: a QNameDictionaryText's namespace is the one its prefix is bound to, known at once
   * in content, and in an attribute only after all the element's declarations (see #openElement).
   * The source is its own context, so that making one costs no closures.
   */
  qname(text: QNameText, prefix: string, at: number): void {
    if (!this.#inAttributeValue) {
      text.ns = this.#namespaceOfText(prefix, at);
      return;
    }
    if (this.#qnames === NO_QNAMES) this.#qnames = [];
    this.#qnames.push({ text, prefix, at });
  }

  get namespaces(): NamespaceScope {
    return this.#scope;
  }

  /** XmlAttributeScope: xml:`localName` on the innermost open element that has it. */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    return this.#xmlAttributes?.find(localName);
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
    const start = cursor.pos;
    const bytes = this.#bytes;
    if (start >= bytes.length) return this.#endOfInput();
    const type = bytes[start]!;
    // The records of nearly every document first, by their type byte; the table for the rest.
    if (type === RecordType.EndElement) {
      cursor.pos = start + 1;
      if (this.#marks.length === 0) throw invalidFormat("EndElement record with no open element to close", start);
      return this.#closeElement();
    }
    if (type >= RecordType.ShortElement && type <= RecordType.PrefixElementZ) {
      cursor.pos = start + 1;
      this.#readElement(type, start);
      return this.#openElement(this.#prefix, this.#localName, start, this.#attributes, this.#qnames);
    }
    if ((type === RecordType.Chars8Text || type === RecordType.Chars8Text + 1) && this.#marks.length > 0) {
      // Chars8Text(WithEndElement) in an element, well-formed: the general path finds every error.
      const length = bytes[start + 1];
      const from = start + 2;
      const to = length === undefined ? -1 : from + length;
      if (to >= from && to <= bytes.length) {
        let i = from;
        // ASCII inline; isUtf8 from the first byte that is not.
        while (i < to && bytes[i]! < 0x80) i++;
        if (i === to || isUtf8(bytes, i, to)) {
          cursor.pos = to;
          this.#pendingEndElement = type !== RecordType.Chars8Text;
          return textNodeOf(utf8Text(xmlString(cursor.view(from, to))));
        }
      }
    }
    cursor.pos = start + 1;
    const info = recordTypeInfo(type);
    if (info === undefined) throw invalidFormat(`unknown record type ${hexByte(type)}`, start);
    switch (info.shape.category) {
      case "attribute":
      case "xmlns":
        throw invalidFormat(`${info.name} record that does not follow an element or attribute record`, start);
      case "text":
        return this.#readText(type, info, start);
      case "comment":
        return commentNode(xmlString(cursor.string(info.name, start, "comment text")));
      case "array":
        return this.#startArray(start);
    }
    /* c8 ignore next */
    throw new Error(`unreachable: record type ${hexByte(type)}`);
  }

  // --- elements ------------------------------------------------------------------------

  /**
   * An element record (type byte `type` at `start`, read) and the attribute and xmlns records that
   * follow it, into #prefix, #localName, #offset, #attributes and #qnames.
   */
  #readElement(type: number, start: number): void {
    const name = recordTypeInfo(type)!.name;
    let prefix: Prefix;
    let localName: WS_XML_STRING;
    if (type >= RecordType.PrefixElementA) {
      prefix = LETTER_PREFIXES[type - RecordType.PrefixElementA]!;
      localName = this.#readStringName(name, start, "name").string;
    } else if (type >= RecordType.PrefixDictionaryElementA) {
      prefix = LETTER_PREFIXES[type - RecordType.PrefixDictionaryElementA]!;
      localName = this.#readDictionaryName(name);
    } else {
      // ShortElement, Element, ShortDictionaryElement, DictionaryElement: bit 0 says the prefix is spelt out, bit 1 a dictionary name.
      prefix = (type & 1) === 0 ? NO_PREFIX : this.#readStringName(name, start, "prefix");
      localName = (type & 2) === 0 ? this.#readStringName(name, start, "name").string : this.#readDictionaryName(name);
    }
    this.#prefix = prefix;
    this.#localName = localName;
    this.#offset = start;
    this.#attributes = NO_RAW_ATTRIBUTES;
    this.#qnames = NO_QNAMES;
    const next = this.#bytes[this.#cursor.pos];
    if (next !== undefined && next >= RecordType.ShortAttribute && next <= RecordType.PrefixAttributeZ) this.#readAttributes(start);
  }

  /** The attribute and xmlns records after the element record at `elementStart`. */
  #readAttributes(elementStart: number): void {
    const cursor = this.#cursor;
    const attributes: RawAttribute[] = [];
    this.#attributes = attributes;
    for (;;) {
      const type = cursor.peek();
      const info = type === undefined ? undefined : recordTypeInfo(type);
      if (info === undefined || (info.shape.category !== "attribute" && info.shape.category !== "xmlns")) return;
      const start = cursor.pos;
      if (attributes.length >= this.options.maxAttributes) {
        throw quotaExceeded(
          `an element (byte ${elementStart}) with more than ${this.options.maxAttributes} attributes`,
          start,
          "WS_XML_READER_PROPERTY_MAX_ATTRIBUTES",
        );
      }
      cursor.pos++;
      attributes.push(
        info.shape.category === "xmlns" ? this.#readXmlns(info.shape, info, start) : this.#readAttribute(info.shape, info, start),
      );
    }
  }

  #readAttribute(shape: AttributeShape, info: RecordTypeInfo, start: number): RawAttribute {
    const prefix = this.#readPrefix(shape.prefix, shape.letter, info.name, start);
    const localName = shape.name === "string" ? this.#readStringName(info.name, start, "name").string : this.#readDictionaryName(info.name);
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
    // A failure leaves the flag set, but the source is not read again after one (see XmlReaderObject).
    this.#inAttributeValue = true;
    const value = readTextValue(cursor, type, valueInfo.name, at, this);
    this.#inAttributeValue = false;
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
    if (form === "letter") return LETTER_PREFIXES[letter!.charCodeAt(0) - 0x61]!;
    return this.#readStringName(record, start, "prefix");
  }

  /**
   * A String name or prefix ([MC-NBFX] 2.1.3) of the `record` at `start`: well-formed UTF-8, not
   * empty, not "xmlns". A name the cache holds has passed those checks, so a hit skips them; anything
   * else takes the checks in their order and is cached once it has passed them.
   */
  #readStringName(record: string, start: number, what: "name" | "prefix"): BinaryName {
    const cursor = this.#cursor;
    const bytes = this.#bytes;
    const at = cursor.pos;
    const length = bytes[at];
    if (length !== undefined && length < 0x80) {
      const end = at + 1 + length;
      if (end <= bytes.length) {
        // The name that followed the last one last time, checked byte for byte: the usual hit.
        const last = this.#lastName;
        const guess = last === null ? undefined : cachedNameAt(last.followedBy);
        if (guess !== undefined && guess.bytes.length === length) {
          const known = guess.bytes;
          let i = 0;
          while (i < length && known[i] === bytes[at + 1 + i]) i++;
          if (i === length) {
            cursor.pos = end;
            this.#lastName = guess;
            return guess;
          }
        }
        const cached = cachedBinaryName(bytes, at + 1, end, last);
        if (cached !== undefined) {
          cursor.pos = end;
          this.#lastName = cached;
          return cached;
        }
      }
    }
    const value = cursor.string(record, start, what);
    checkName(value, record, what, at);
    const name = newBinaryName(value, 0, value.length, this.#lastName);
    this.#lastName = name;
    return name;
  }

  /** A DictionaryString name ([MC-NBFX] 2.1.4), which may not be empty or "xmlns" either. */
  #readDictionaryName(record: string): WS_XML_STRING {
    const at = this.#cursor.pos;
    const name = this.#dictionary.resolve(this.#cursor.int31("dictionary string id"), at);
    checkName(name.bytes, record, "name", at);
    return name;
  }

  /** Declares the element's namespaces, resolves its names and attributes, and opens it. */
  #openElement(
    prefix: Prefix,
    localName: WS_XML_STRING,
    offset: number,
    raw: readonly RawAttribute[],
    qnames: readonly QNameValue[],
  ): WS_XML_NODE {
    const marks = this.#marks;
    const depth = marks.length;
    if (depth === 0 && this.#rootSeen && !this.options.allowFragment) {
      throw invalidFormat("a second root element (only one is allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is set)", offset);
    }
    if (depth >= this.options.maxDepth) {
      throw quotaExceeded(`the element nesting goes deeper than ${this.options.maxDepth}`, offset, "WS_XML_READER_PROPERTY_MAX_DEPTH");
    }
    const scope = this.#scope;
    const mark = scope.mark();
    let attributes = NO_ATTRIBUTES;
    if (raw.length > 0) {
      for (const a of raw) if (a.isXmlNs) scope.declare(a.prefix.text, a.ns, describeByte, a.offset);
      attributes = [];
      for (const a of raw) {
        attributes.push(
          a.isXmlNs
            ? { singleQuote: 0, isXmlNs: 1, prefix: a.prefix.string, localName: null, ns: a.ns, value: EMPTY_UTF8_TEXT }
            : {
                singleQuote: 0,
                isXmlNs: 0,
                prefix: a.prefix.string,
                localName: a.localName,
                // Unprefixed attributes are in no namespace, whatever the default namespace.
                ns: a.prefix.text === "" ? EMPTY_XML_STRING : this.#namespaceOf(a.prefix, a.offset),
                value: a.value,
              },
        );
      }
      checkRepeatedAttributes(attributes, raw);
    }
    for (let i = 0; i < qnames.length; i++) {
      const q = qnames[i]!;
      q.text.ns = this.#namespaceOfText(q.prefix, q.at);
    }
    const ns = this.#namespaceOf(prefix, offset);
    marks.push(mark);
    if (attributes !== NO_ATTRIBUTES) (this.#xmlAttributes ??= new XmlAttributeStack()).pushFrom(marks.length, attributes);
    this.#rootSeen = true;
    return elementNode(prefix.string, localName, ns, attributes, false);
  }

  /** The namespace `prefix` is bound to, its lookup remembered while the scope does not change. */
  #namespaceOf(prefix: Prefix, at: number): WS_XML_STRING {
    const scope = this.#scope;
    let index: number;
    if (prefix.lookupVersion === scope.version) index = prefix.lookupIndex;
    else {
      index = scope.indexOf(prefix.text);
      prefix.lookupVersion = scope.version;
      prefix.lookupIndex = index;
    }
    const ns = scope.at(index);
    if (ns === undefined) throw invalidFormat(`the prefix "${prefix.text}" is not declared`, at);
    return ns;
  }

  #namespaceOfText(prefix: string, at: number): WS_XML_STRING {
    const ns = this.#scope.lookup(prefix);
    if (ns === undefined) throw invalidFormat(`the prefix "${prefix}" is not declared`, at);
    return ns;
  }

  #closeElement(): WS_XML_NODE {
    const marks = this.#marks;
    this.#scope.popTo(marks.pop()!);
    this.#xmlAttributes?.popTo(marks.length);
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

  /** The text record of type `type` at `start`, whose type byte has been read. */
  #readText(type: number, info: RecordTypeInfo, start: number): WS_XML_NODE {
    const withEndElement = (type & 1) !== 0;
    const outside = this.#marks.length === 0;
    if (withEndElement && outside) throw invalidFormat(`${info.name} record with no open element to close`, start);
    const text = readTextValue(this.#cursor, type & ~1, info.name, start, this);
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
    this.#readElement(type, elementStart);
    const element: RawElement = {
      prefix: this.#prefix,
      localName: this.#localName,
      offset: this.#offset,
      attributes: this.#attributes,
      qnames: this.#qnames,
    };
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
      case "element": {
        array.next = "text";
        const e = array.element;
        return this.#openElement(e.prefix, e.localName, e.offset, e.attributes, e.qnames);
      }
      case "text":
        array.next = "end";
        // The item type is a *TextWithEndElement record type: its value is read as the plain record's.
        return textNodeOf(readTextValue(this.#cursor, array.itemType.recordType - 1, "Array", array.start, this));
      case "end":
        array.next = "element";
        if (--array.remaining === 0) this.#array = null;
        return this.#closeElement();
    }
  }
}

/** Where a namespace declaration stands, for NamespaceScope's messages. */
const describeByte: PlaceDescriber = { describePlace: (at) => `at byte ${at}` };

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
