import {
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_ATTRIBUTE,
  type WS_XML_NODE,
  type WS_XML_STRING,
  type WS_XML_TEXT,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { isNameChar, isNameStartChar } from "../text-utils/xml-chars.js";
import { ATTRIBUTE_PLAIN, BYTE_CLASS, NAME_CHAR, NAME_START, SPACE, TEXT_PLAIN } from "./byte-classes.js";
import { normalizeNewlines, parseCharacterReference, predefinedEntity, writeUtf8 } from "./character-references.js";
import { NamespaceScope } from "./namespace-scope.js";
import { cachedName, DEFAULT_DECLARATION, PREFIX_DECLARATION, type QualifiedName, qualifiedName } from "./qualified-names.js";
import { type LineColumn, lineColumnAt } from "./reader-position.js";
import { findRepeatedAttribute } from "./repeated-attributes.js";
import { XmlAttributeStack } from "./xml-attribute-stack.js";
import {
  BOF_NODE,
  CDATA_NODE,
  commentNode,
  EMPTY_XML_STRING,
  END_CDATA_NODE,
  END_ELEMENT_NODE,
  EOF_NODE,
  elementNode,
  textNode,
  utf8Text,
  xmlString,
} from "./xml-nodes.js";

/** The reader properties the scanner enforces (WS_XML_READER_PROPERTY_*; defaults are WWSAPI's). */
export interface ScannerOptions {
  maxDepth: number;
  maxAttributes: number;
  maxNamespaces: number;
  allowFragment: boolean;
  readDeclaration: boolean;
  allowInvalidCharacterReferences: boolean;
  /** What the bytes were before they became UTF-8, for checking the declaration's encoding. */
  inputCharset: "utf-8" | "utf-16le" | "utf-16be";
}

export const DEFAULT_SCANNER_OPTIONS: ScannerOptions = {
  maxDepth: 32,
  maxAttributes: 128,
  maxNamespaces: 32,
  allowFragment: false,
  readDeclaration: true,
  allowInvalidCharacterReferences: false,
  inputCharset: "utf-8",
};

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOS = 0x27;
const CR = 0x0d;
const LF = 0x0a;
const RSQB = 0x5d;

const isSpace = (b: number) => (BYTE_CLASS[b]! & SPACE) !== 0;
const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);
const latin = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");
const CDATA_OPEN = ascii("[CDATA[");
const NO_BYTES = new Uint8Array(0);
/** Inputs shorter than this copy their decoded texts out of a small scratch arena (see endArenaText). */
const SMALL_INPUT = 8192;
/**
 * The attributes of every element that has none: one frozen array, not one per element. Nodes are
 * read-only to their users ("The node returned should not be modified", WsGetReaderNode) and no
 * part of the package changes a node's attribute list.
 */
const NO_ATTRIBUTES: WS_XML_ATTRIBUTE[] = Object.freeze([]) as unknown as WS_XML_ATTRIBUTE[];
const XML_DECL = ascii("<?xml");

/**
 * The text XML scanner behind WS_XML_READER: UTF-8 bytes in, WWSAPI nodes out, one per next().
 * It works on bytes and hands out views into the input wherever the text needs no decoding, so a
 * typical SOAP message costs one pass and few allocations. It refuses what WWSAPI refuses — DTDs
 * of any kind, processing instructions, undefined entities, invalid characters — and enforces the
 * depth, attribute and namespace quotas, reporting line:column of the offending byte.
 *
 * Speed: the loops over names and character data classify a byte with one table lookup
 * (byte-classes.ts) and stop only on what needs a closer look, where the careful code takes over
 * from the same byte, so errors are found where and as they always were. Names are shared
 * WS_XML_STRINGs (qualified-names.ts) with their namespace lookup remembered; the open elements are
 * stacks of numbers. A node itself is a new object each time: the canonicalization tap still reads
 * the node the reader moves off after the next one is made (see ReaderNodeTap).
 */
export class TextScanner {
  private pos = 0;
  /** The open elements, innermost last: where each one's name stands (to match its end tag byte for byte) and its namespace mark. */
  private openCount = 0;
  private readonly openNameStart: number[] = [];
  private readonly openNameEnd: number[] = [];
  private readonly openMark: number[] = [];
  private readonly scope: NamespaceScope;
  /** The xml: attributes of the open elements that have any (WsGetXmlAttribute); made on the first. */
  private xmlAttributes: XmlAttributeStack | null = null;
  /**
   * The input's ArrayBuffer and where its bytes start in it, to make views without subarray's
   * species lookup; null when the input is not a plain Uint8Array (a Buffer's views are Buffers).
   */
  private readonly buffer: ArrayBufferLike | null;
  private readonly base: number;
  /**
   * Where decoded texts (references expanded, line ends normalised) are written, one after the
   * other, each handed out as a view (a copy costs more): a chunk of memory, where the text being
   * written starts in it, and how much of it is used. A full chunk is replaced by a new one; the
   * views keep theirs alive, as views of the input keep the input. Decoding never lengthens a
   * text, so all chunks together hold no more than the input.
   */
  private arena = NO_BYTES;
  private arenaText = 0;
  private arenaUsed = 0;
  /** The qualified name scanQName read last: its start, the colon (-1 without a prefix) and its end. */
  private nameStart = 0;
  private nameColon = -1;
  private nameEnd = 0;
  /** The name of the last start tag, whose `followedBy` is the likely name of the next one. */
  private previousName: QualifiedName | null = null;
  /** The attributes of the start tag being read, until they are resolved; reused from tag to tag. */
  private readonly rawNames: QualifiedName[] = [];
  private readonly rawValues: Uint8Array[] = [];
  private readonly rawSingleQuote: boolean[] = [];
  private readonly rawOffsets: number[] = [];
  private rootSeen = false;
  /** After `<a/>`: the END_ELEMENT to report next. After `<![CDATA[`: 1, its text; 2, its end. */
  private pendingEndElement = false;
  private cdataPhase = 0;
  /** Whether next() has one of those (or the end) to report rather than bytes to read: one test per node. */
  private deferred = false;
  private cdataText: Uint8Array | null = null;
  private finished = false;
  /** The XML declaration's encoding name, if it had one. */
  declaredEncoding: string | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: ScannerOptions,
  ) {
    this.scope = new NamespaceScope(options.maxNamespaces);
    const plain = bytes.constructor === Uint8Array;
    this.buffer = plain ? bytes.buffer : null;
    this.base = plain ? bytes.byteOffset : 0;
  }

  /** A view of the input's bytes from `start` to `end`. */
  private view(start: number, end: number): Uint8Array {
    return this.buffer !== null ? new Uint8Array(this.buffer, this.base + start, end - start) : this.bytes.subarray(start, end);
  }

  /** Byte offset of the next unread byte (for errors and WS_XML_READER_PROPERTY_ROW/COLUMN). */
  get offset(): number {
    return this.pos;
  }

  /** Line and column of the next unread character (WS_XML_READER_PROPERTY_ROW / COLUMN). */
  lineColumn(): LineColumn {
    return lineColumnAt(this.bytes, this.pos);
  }

  get depth(): number {
    return this.openCount;
  }

  /**
   * XmlAttributeScope: xml:`localName` on the innermost open element that has it. On an element
   * node that element is open (its own attributes count); on its end element it no longer is.
   */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    return this.xmlAttributes?.find(localName);
  }

  get namespaces(): NamespaceScope {
    return this.scope;
  }

  /** The first node. Reads the XML declaration, which is not a node. */
  start(): WS_XML_NODE {
    if (this.startsWith(XML_DECL, 0) && isSpace(this.bytes[5] ?? 0)) this.readDeclaration();
    return BOF_NODE;
  }

  /** `<?xml` followed by white space, `?` or the end: a declaration, not a PI like `<?xml-stylesheet`. */
  private isDeclarationAt(at: number): boolean {
    if (!this.startsWith(XML_DECL, at)) return false;
    const after = this.bytes[at + 5];
    return after === undefined || after === QUESTION || isSpace(after);
  }

  next(): WS_XML_NODE {
    if (this.deferred) return this.nextDeferred();
    const bytes = this.bytes;
    if (this.pos >= bytes.length) return this.endOfInput();
    if (bytes[this.pos] !== LT) return this.readText();
    const next = bytes[this.pos + 1];
    if (next === SLASH) return this.readEndTag();
    if (next === BANG || next === QUESTION) return this.readMarkup(next);
    return this.readStartTag();
  }

  /** The END_ELEMENT of `<a/>`, the rest of a CDATA section, or EOF again. */
  private nextDeferred(): WS_XML_NODE {
    let node: WS_XML_NODE;
    if (this.pendingEndElement) {
      this.pendingEndElement = false;
      node = this.closeElement();
    } else if (this.cdataPhase !== 0) {
      node = this.continueCData();
    } else {
      return EOF_NODE; // finished
    }
    this.deferred = this.cdataPhase !== 0 || this.finished;
    return node;
  }

  /** `<!` (a comment, CDATA, or what WWSAPI refuses) or `<?` (refused). Apart from next() to keep it small. */
  private readMarkup(next: number): WS_XML_NODE {
    const bytes = this.bytes;
    if (next === BANG) {
      if (bytes[this.pos + 2] === 0x2d && bytes[this.pos + 3] === 0x2d) return this.readComment();
      if (this.startsWith(CDATA_OPEN, this.pos + 2)) return this.startCData();
      if (this.startsWith(ascii("DOCTYPE"), this.pos + 2))
        this.fail(WS_E_INVALID_FORMAT, "DTDs are not supported (a <!DOCTYPE> declaration)", this.pos);
      this.fail(WS_E_INVALID_FORMAT, "unexpected markup after '<!'", this.pos);
    }
    if (this.isDeclarationAt(this.pos)) {
      if (this.pos === 0) this.fail(WS_E_INVALID_FORMAT, "the input ends inside the XML declaration", this.bytes.length);
      this.fail(WS_E_INVALID_FORMAT, "an XML declaration is only allowed at the very start of the document", this.pos);
    }
    return this.fail(WS_E_INVALID_FORMAT, "processing instructions are not supported", this.pos);
  }

  // --- errors and positions -------------------------------------------------------------

  fail(hr: number, what: string, at: number): never {
    const { line, column } = lineColumnAt(this.bytes, at);
    throw new WsError(hr, `XML reader: ${what}, at line ${line}, column ${column} (byte ${at}).`);
  }

  /** PlaceDescriber, for the namespace scope's messages. */
  describePlace(at: number): string {
    const { line, column } = lineColumnAt(this.bytes, at);
    return `at line ${line}, column ${column}`;
  }

  private startsWith(needle: Uint8Array, at: number): boolean {
    if (at + needle.length > this.bytes.length) return false;
    for (let i = 0; i < needle.length; i++) if (this.bytes[at + i] !== needle[i]) return false;
    return true;
  }

  private skipSpaces(): void {
    const b = this.bytes;
    let at = this.pos;
    while (at < b.length && (BYTE_CLASS[b[at]!]! & SPACE) !== 0) at++;
    this.pos = at;
  }

  private expect(byte: number, what: string): void {
    if (this.bytes[this.pos] !== byte) {
      this.fail(
        WS_E_INVALID_FORMAT,
        this.pos >= this.bytes.length ? `the input ends where ${what} was expected` : `${what} was expected`,
        this.pos,
      );
    }
    this.pos++;
  }

  // --- characters -------------------------------------------------------------------------

  private width = 1;

  /** The code point at `at` (UTF-8), its byte count in `width`; refuses malformed UTF-8. */
  private codePointAt(at: number): number {
    const b = this.bytes;
    const b0 = b[at]!;
    if (b0 < 0x80) {
      this.width = 1;
      return b0;
    }
    let cp: number;
    let n: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      n = 1;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      n = 2;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      n = 3;
    } else {
      return this.fail(WS_E_INVALID_FORMAT, `invalid UTF-8 byte 0x${b0.toString(16)}`, at);
    }
    for (let k = 1; k <= n; k++) {
      const c = b[at + k];
      if (c === undefined || (c & 0xc0) !== 0x80) this.fail(WS_E_INVALID_FORMAT, "truncated or invalid UTF-8 sequence", at);
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n === 2 && cp < 0x800) || (n === 3 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      this.fail(WS_E_INVALID_FORMAT, "invalid UTF-8 sequence", at);
    }
    this.width = n + 1;
    return cp;
  }

  private checkChar(cp: number, at: number): void {
    // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    if (cp < 0x20 ? cp !== 0x9 && cp !== 0xa && cp !== 0xd : cp === 0xfffe || cp === 0xffff) {
      this.fail(WS_E_INVALID_FORMAT, `the character U+${cp.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`, at);
    }
  }

  // --- names ------------------------------------------------------------------------------

  /** Scans an NCName at pos; returns its end. `prefixStart` is where the prefix before it starts, or -1. */
  private scanNcName(what: string, prefixStart = -1): number {
    const b = this.bytes;
    const length = b.length;
    let at = this.pos;
    // ASCII names, the usual ones, in a table-driven loop; anything else from the start, carefully.
    if (at < length && (BYTE_CLASS[b[at]!]! & NAME_START) !== 0) {
      at++;
      while (at < length && (BYTE_CLASS[b[at]!]! & NAME_CHAR) !== 0) at++;
      if (at >= length || b[at]! < 0x80) return at;
      at = this.pos;
    }
    const first = b[at];
    if (first === undefined || !isNameStartChar(this.codePointAt(at)) || first === COLON) {
      // The message is built only here: decoding the prefix on every name would cost on the hot path.
      const name = prefixStart < 0 ? what : `${what} after the prefix "${this.nameText(prefixStart, this.pos - 1)}"`;
      this.fail(WS_E_INVALID_FORMAT, first === undefined ? `the input ends where ${name} was expected` : `${name} was expected`, at);
    }
    at += this.width;
    while (at < b.length) {
      const c = b[at]!;
      if (c < 0x80) {
        // ASCII NameChar: letters, digits, '-', '.', '_' (':' separates the prefix).
        if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f) {
          at++;
          continue;
        }
        break;
      }
      const cp = this.codePointAt(at);
      if (!isNameChar(cp)) break;
      at += this.width;
    }
    return at;
  }

  /** A QName: [prefix ':'] localName, into nameStart, nameColon (-1 without a prefix) and nameEnd. */
  private scanQName(what: string): void {
    const start = this.pos;
    let end = this.scanNcName(what);
    let colon = -1;
    if (this.bytes[end] === COLON) {
      colon = end;
      this.pos = end + 1;
      end = this.scanNcName("a local name", start);
    }
    this.pos = end;
    this.nameStart = start;
    this.nameColon = colon;
    this.nameEnd = end;
  }

  private nameText(start: number, end: number): string {
    return utf8.decode(this.bytes.subarray(start, end));
  }

  // --- the XML declaration ----------------------------------------------------------------

  private readDeclaration(): void {
    this.pos = 5;
    const seen: string[] = [];
    for (;;) {
      const hadSpace = isSpace(this.bytes[this.pos] ?? 0);
      this.skipSpaces();
      if (this.bytes[this.pos] === QUESTION) break;
      if (!hadSpace) this.fail(WS_E_INVALID_FORMAT, "white space was expected in the XML declaration", this.pos);
      const nameEnd = this.scanNcName("a pseudo-attribute of the XML declaration");
      const name = latin.decode(this.bytes.subarray(this.pos, nameEnd));
      this.pos = nameEnd;
      this.skipSpaces();
      this.expect(EQUALS, "'=' in the XML declaration");
      this.skipSpaces();
      const quote = this.bytes[this.pos];
      if (quote !== QUOTE && quote !== APOS) this.fail(WS_E_INVALID_FORMAT, "a quoted value was expected in the XML declaration", this.pos);
      const valueStart = ++this.pos;
      while (this.pos < this.bytes.length && this.bytes[this.pos] !== quote) this.pos++;
      const value = latin.decode(this.bytes.subarray(valueStart, this.pos));
      this.expect(quote, "the closing quote of a value in the XML declaration");
      const order = ["version", "encoding", "standalone"];
      if (
        !order.includes(name) ||
        seen.includes(name) ||
        (seen.length > 0 && order.indexOf(name) < order.indexOf(seen[seen.length - 1]!))
      ) {
        this.fail(WS_E_INVALID_FORMAT, `"${name}" is not allowed here in the XML declaration`, valueStart);
      }
      if (name === "version" && !/^1\.[0-9]+$/.test(value))
        this.fail(WS_E_INVALID_FORMAT, `unsupported XML version "${value}"`, valueStart);
      if (name === "encoding") {
        if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) this.fail(WS_E_INVALID_FORMAT, `invalid encoding name "${value}"`, valueStart);
        this.checkDeclaredEncoding(value, valueStart);
        this.declaredEncoding = value;
      }
      if (name === "standalone" && value !== "yes" && value !== "no")
        this.fail(WS_E_INVALID_FORMAT, `standalone must be "yes" or "no", not "${value}"`, valueStart);
      seen.push(name);
    }
    if (seen[0] !== "version") this.fail(WS_E_INVALID_FORMAT, "the XML declaration must start with its version", this.pos);
    this.pos++;
    this.expect(GT, "'?>' closing the XML declaration");
    if (!this.options.readDeclaration) {
      // WS_XML_READER_PROPERTY_READ_DECLARATION FALSE: a declaration is not expected at all.
      this.fail(WS_E_INVALID_FORMAT, "an XML declaration is present although WS_XML_READER_PROPERTY_READ_DECLARATION is FALSE", 0);
    }
  }

  /** WWSAPI reads UTF-8 and UTF-16 only, and the declaration must name what the bytes are. */
  private checkDeclaredEncoding(name: string, at: number): void {
    const declared = name.toLowerCase();
    const actual = this.options.inputCharset;
    const matches = declared === "utf-8" ? actual === "utf-8" : declared === "utf-16" ? actual !== "utf-8" : declared === actual;
    if (matches) return;
    if (!["utf-8", "utf-16", "utf-16le", "utf-16be"].includes(declared)) {
      this.fail(WS_E_INVALID_FORMAT, `the encoding "${name}" is not supported (only UTF-8 and UTF-16 are)`, at);
    }
    this.fail(WS_E_INVALID_FORMAT, `the XML declaration says "${name}" but the input is ${actual.toUpperCase()}`, at);
  }

  // --- elements ---------------------------------------------------------------------------

  /**
   * A start tag. The usual work stays here, small enough for V8 to inline into next(); the rare
   * (the root, the depth quota, attributes) is in methods of its own.
   */
  private readStartTag(): WS_XML_NODE {
    const tagStart = this.pos;
    if (this.openCount === 0 || this.openCount >= this.options.maxDepth) this.checkNewElement(tagStart);
    this.pos++;
    const b = this.bytes;
    const nameStart = this.pos;
    const previous = this.previousName;
    const guess = previous === null ? undefined : cachedName(previous.followedBy);
    let name: QualifiedName;
    if (guess !== undefined && this.nameStandsAt(guess, nameStart)) {
      name = guess;
      this.pos = nameStart + guess.bytes.length;
    } else {
      this.scanQName("an element name");
      name = qualifiedName(b, nameStart, this.nameColon, this.nameEnd);
      if (previous !== null) previous.followedBy = name.slot;
    }
    this.previousName = name;
    const nameEnd = this.pos;
    let count = 0;
    let isEmpty = false;
    // The usual tags first: '>' or '/>' right after the name.
    const first = b[this.pos];
    if (first === GT) this.pos++;
    else if (first === SLASH && b[this.pos + 1] === GT) {
      this.pos += 2;
      isEmpty = true;
    } else {
      count = this.readAttributes(name);
      isEmpty = this.emptyTag;
    }

    const namespaceMark = this.scope.mark();
    const attributes = count === 0 ? NO_ATTRIBUTES : this.resolveAttributes(count);
    const ns = this.namespaceOf(name);
    if (ns === undefined) this.fail(WS_E_INVALID_FORMAT, `the prefix "${name.prefixKey}" is not declared`, tagStart + 1);
    this.rootSeen = true;
    const depth = this.openCount++;
    this.openNameStart[depth] = nameStart;
    this.openNameEnd[depth] = nameEnd;
    this.openMark[depth] = namespaceMark;
    if (this.xmlAttributeCount > 0) this.recordXmlAttributes(depth + 1, attributes);
    if (isEmpty) this.pendingEndElement = this.deferred = true;
    return elementNode(name.prefix, name.localName, ns, attributes, isEmpty);
  }

  /** The checks before an element opens at the root or at the depth quota, in the order they always ran. */
  private checkNewElement(tagStart: number): void {
    if (this.openCount === 0 && this.rootSeen && !this.options.allowFragment) {
      this.fail(
        WS_E_INVALID_FORMAT,
        "a second root element (only one is allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is set)",
        tagStart,
      );
    }
    if (this.openCount >= this.options.maxDepth) {
      this.fail(
        WS_E_QUOTA_EXCEEDED,
        `the element nesting goes deeper than ${this.options.maxDepth} (WS_XML_READER_PROPERTY_MAX_DEPTH)`,
        tagStart,
      );
    }
  }

  /** Whether the start tag readAttributes finished was an empty element's (`/>`). */
  private emptyTag = false;

  /** The attributes of the start tag of `name` up to its end, into the raw lists; returns how many. */
  private readAttributes(name: QualifiedName): number {
    const b = this.bytes;
    let count = 0;
    for (;;) {
      const hadSpace = isSpace(b[this.pos] ?? 0);
      this.skipSpaces();
      const c = b[this.pos];
      if (c === GT) {
        this.pos++;
        this.emptyTag = false;
        return count;
      }
      if (c === SLASH) {
        this.pos++;
        this.expect(GT, "'>' after '/'");
        this.emptyTag = true;
        return count;
      }
      if (c === undefined) this.fail(WS_E_INVALID_FORMAT, "the input ends inside a start tag", this.pos);
      if (!hadSpace) this.fail(WS_E_INVALID_FORMAT, "white space was expected before an attribute", this.pos);
      if (count >= this.options.maxAttributes) {
        this.fail(
          WS_E_QUOTA_EXCEEDED,
          `an element has more than ${this.options.maxAttributes} attributes (WS_XML_READER_PROPERTY_MAX_ATTRIBUTES)`,
          this.pos,
        );
      }
      this.readAttribute(count, count === 0 ? name : this.rawNames[count - 1]!);
      count++;
    }
  }

  /**
   * Whether `name` stands at `at`, followed by a byte that ends a name: then scanQName would read
   * exactly it (`name` was read by scanQName once, so its bytes are a valid QName).
   */
  private nameStandsAt(name: QualifiedName, at: number): boolean {
    const b = this.bytes;
    const bytes = name.bytes;
    const length = bytes.length;
    if (at + length >= b.length) return false;
    for (let i = 0; i < length; i++) if (b[at + i] !== bytes[i]) return false;
    const after = b[at + length]!;
    return after < 0x80 && after !== COLON && (BYTE_CLASS[after]! & NAME_CHAR) === 0;
  }

  /** The namespace of a name's prefix where the scanner is, remembered on the name while the scope stays as it is. */
  private namespaceOf(name: QualifiedName): WS_XML_STRING | undefined {
    const scope = this.scope;
    if (name.lookupVersion !== scope.version) {
      name.lookupIndex = scope.indexOf(name.prefixKey);
      name.lookupVersion = scope.version;
    }
    return scope.at(name.lookupIndex);
  }

  /** Reads attribute number `index` of the start tag into the raw lists; `previous` names what came before it. */
  private readAttribute(index: number, previous: QualifiedName): void {
    const offset = this.pos;
    const guess = cachedName(previous.nextAttribute);
    let name: QualifiedName;
    if (guess !== undefined && this.nameStandsAt(guess, offset)) {
      name = guess;
      this.pos = offset + guess.bytes.length;
    } else {
      this.scanQName("an attribute name");
      name = qualifiedName(this.bytes, offset, this.nameColon, this.nameEnd);
      previous.nextAttribute = name.slot;
    }
    const nameStart = offset;
    const nameEnd = this.pos;
    this.skipSpaces();
    if (this.bytes[this.pos] !== EQUALS)
      this.fail(WS_E_INVALID_FORMAT, `'=' was expected after the attribute name "${this.nameText(nameStart, nameEnd)}"`, this.pos);
    this.pos++;
    this.skipSpaces();
    const quote = this.bytes[this.pos];
    if (quote !== QUOTE && quote !== APOS) this.fail(WS_E_INVALID_FORMAT, "a quoted attribute value was expected", this.pos);
    this.pos++;
    const value = this.readCharacterData(quote, true);
    this.pos++; // the closing quote
    this.rawNames[index] = name;
    this.rawValues[index] = value;
    this.rawSingleQuote[index] = quote === APOS;
    this.rawOffsets[index] = offset;
  }

  /** How many xml: attributes the start tag being resolved has (WsGetXmlAttribute keeps them). */
  private xmlAttributeCount = 0;

  /** Declares the element's namespaces first, then resolves every attribute's prefix. */
  private resolveAttributes(count: number): WS_XML_ATTRIBUTE[] {
    this.xmlAttributeCount = 0;
    const names = this.rawNames;
    const values = this.rawValues;
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      if (name.declaration === PREFIX_DECLARATION) this.scope.declare(name.localKey, xmlString(values[i]!), this, this.rawOffsets[i]!);
      else if (name.declaration === DEFAULT_DECLARATION) this.scope.declare("", xmlString(values[i]!), this, this.rawOffsets[i]!);
    }
    const attributes: WS_XML_ATTRIBUTE[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      const singleQuote = this.rawSingleQuote[i] ? 1 : 0;
      if (name.declaration === PREFIX_DECLARATION) {
        attributes[i] = { singleQuote, isXmlNs: 1, prefix: name.localName, localName: null, ns: xmlString(values[i]!), value: null };
      } else if (name.declaration === DEFAULT_DECLARATION) {
        attributes[i] = { singleQuote, isXmlNs: 1, prefix: EMPTY_XML_STRING, localName: null, ns: xmlString(values[i]!), value: null };
      } else {
        // Unprefixed attributes are in no namespace, whatever the default namespace.
        const ns = name.prefixKey === "" ? EMPTY_XML_STRING : this.namespaceOf(name);
        if (ns === undefined) this.fail(WS_E_INVALID_FORMAT, `the prefix "${name.prefixKey}" is not declared`, this.rawOffsets[i]!);
        // Only "xml" is bound to the XML namespace (NamespaceScope refuses any other binding of it).
        if (name.prefixKey === "xml") this.xmlAttributeCount++;
        attributes[i] = {
          singleQuote,
          isXmlNs: 0,
          prefix: name.prefix,
          localName: name.localName,
          ns,
          value: utf8Text(xmlString(values[i]!)),
        };
      }
    }
    // Namespaces in XML: no two attributes with the same expanded name (nor two declarations of a prefix).
    const repeated = findRepeatedAttribute(attributes);
    if (repeated >= 0) this.fail(WS_E_INVALID_FORMAT, "an attribute is repeated", this.rawOffsets[repeated]!);
    return attributes;
  }

  /** Keeps the xml: attributes of the element opened at `depth`, found by resolveAttributes. */
  private recordXmlAttributes(depth: number, attributes: WS_XML_ATTRIBUTE[]): void {
    this.xmlAttributeCount = 0;
    this.xmlAttributes ??= new XmlAttributeStack();
    this.xmlAttributes.pushFrom(depth, attributes);
  }

  private readEndTag(): WS_XML_NODE {
    const tagStart = this.pos;
    const top = this.openCount - 1;
    // The common case first: the end tag repeats the open element's name, byte for byte.
    if (top >= 0 && this.matchesOpenName(top, tagStart + 2)) {
      this.pos = tagStart + 2 + (this.openNameEnd[top]! - this.openNameStart[top]!);
    } else {
      this.pos += 2;
      this.scanQName("an element name in the end tag");
      const written = this.nameText(this.nameStart, this.nameEnd);
      if (top < 0) this.fail(WS_E_INVALID_FORMAT, `an end tag "</${written}>" without a start tag`, tagStart);
      const open = this.nameText(this.openNameStart[top]!, this.openNameEnd[top]!);
      // The right name, but the input stops right after it: say so, rather than "does not match".
      if (this.nameEnd >= this.bytes.length && written === open) {
        this.fail(WS_E_INVALID_FORMAT, "the input ends inside an end tag", this.nameEnd);
      }
      this.fail(WS_E_INVALID_FORMAT, `the end tag "</${written}>" does not match the start tag "<${open}>"`, tagStart);
    }
    if (this.bytes[this.pos] === GT) this.pos++;
    else {
      this.skipSpaces();
      this.expect(GT, "'>' closing the end tag");
    }
    return this.closeElement();
  }

  /** Whether the name of open element `top` stands at `at`, followed by something that ends a name. */
  private matchesOpenName(top: number, at: number): boolean {
    const b = this.bytes;
    const start = this.openNameStart[top]!;
    const length = this.openNameEnd[top]! - start;
    for (let i = 0; i < length; i++) if (b[at + i] !== b[start + i]) return false;
    const after = b[at + length];
    return after === GT || (after !== undefined && isSpace(after));
  }

  private closeElement(): WS_XML_NODE {
    const depth = --this.openCount;
    this.scope.popTo(this.openMark[depth]!);
    if (this.xmlAttributes !== null) this.xmlAttributes.popTo(depth);
    return END_ELEMENT_NODE;
  }

  private endOfInput(): WS_XML_NODE {
    if (this.openCount > 0) {
      const top = this.openCount - 1;
      this.fail(
        WS_E_INVALID_FORMAT,
        `the input ends inside the element "${this.nameText(this.openNameStart[top]!, this.openNameEnd[top]!)}"`,
        this.pos,
      );
    }
    if (!this.rootSeen && !this.options.allowFragment) this.fail(WS_E_INVALID_FORMAT, "the document has no root element", this.pos);
    this.finished = this.deferred = true;
    return EOF_NODE;
  }

  // --- comments and CDATA -----------------------------------------------------------------

  private readComment(): WS_XML_NODE {
    const start = this.pos + 4;
    const b = this.bytes;
    for (let at = start; at < b.length; ) {
      if (b[at] === 0x2d && b[at + 1] === 0x2d) {
        if (at + 2 >= b.length) this.fail(WS_E_INVALID_FORMAT, "the input ends inside a comment", this.pos);
        if (b[at + 2] !== GT) this.fail(WS_E_INVALID_FORMAT, "'--' is not allowed inside a comment", at);
        this.pos = at + 3;
        // XML end-of-line handling applies to comments as to all character data.
        return commentNode(xmlString(normalizeNewlines(b.subarray(start, at))));
      }
      const cp = this.codePointAt(at);
      this.checkChar(cp, at);
      at += this.width;
    }
    return this.fail(WS_E_INVALID_FORMAT, "the input ends inside a comment", this.pos);
  }

  private startCData(): WS_XML_NODE {
    if (this.openCount === 0) this.fail(WS_E_INVALID_FORMAT, "a CDATA section outside the root element", this.pos);
    const start = this.pos + 9;
    const b = this.bytes;
    for (let at = start; at < b.length; ) {
      if (b[at] === RSQB && b[at + 1] === RSQB && b[at + 2] === GT) {
        this.pos = at + 3;
        this.cdataText = b.subarray(start, at);
        this.cdataPhase = 1;
        this.deferred = true;
        return CDATA_NODE;
      }
      const cp = this.codePointAt(at);
      this.checkChar(cp, at);
      at += this.width;
    }
    return this.fail(WS_E_INVALID_FORMAT, "the input ends inside a CDATA section", this.pos);
  }

  private continueCData(): WS_XML_NODE {
    if (this.cdataPhase === 1 && this.cdataText !== null && this.cdataText.length > 0) {
      this.cdataPhase = 2;
      return textNode(xmlString(normalizeNewlines(this.cdataText)));
    }
    this.cdataPhase = 0;
    this.cdataText = null;
    return END_CDATA_NODE;
  }

  // --- text -------------------------------------------------------------------------------

  private readText(): WS_XML_NODE {
    const b = this.bytes;
    const start = this.pos;
    let at = start;
    while (at < b.length && (BYTE_CLASS[b[at]!]! & TEXT_PLAIN) !== 0) at++;
    // The usual text: nothing but plain bytes up to the next tag, inside the root element.
    if (at < b.length && b[at] === LT && this.openCount !== 0) {
      this.pos = at;
      return textNode(xmlString(this.view(start, at)));
    }
    const value = this.readCharacterData(LT, false, at);
    if (this.openCount === 0 && !this.options.allowFragment) {
      // Outside the root only literal white space may stand (XML 1.0 Misc): check the bytes as
      // written, so that "&#32;" is refused too.
      for (let at = start; at < this.pos; at++)
        if (!isSpace(this.bytes[at]!)) this.fail(WS_E_INVALID_FORMAT, "text outside the root element", at);
    }
    return textNode(xmlString(value));
  }

  /**
   * Character data up to `stop` (a '<' for content, the quote for an attribute value), with
   * references expanded, line ends normalised and, in attributes, white space normalised. Returns a
   * view of the input when nothing needed changing. The bytes before `from` are known to be plain.
   */
  private readCharacterData(stop: number, inAttribute: boolean, from = this.pos): Uint8Array {
    const b = this.bytes;
    const length = b.length;
    const plain = inAttribute ? ATTRIBUTE_PLAIN : TEXT_PLAIN;
    const start = this.pos;
    let at = from;
    let simple = true;
    for (;;) {
      // Runs of bytes that need nothing, one table lookup each; the rest as below.
      while (at < length && (BYTE_CLASS[b[at]!]! & plain) !== 0) at++;
      if (at >= length) break;
      const c = b[at]!;
      if (c === stop) break;
      if (c < 0x80) {
        if (c === AMP || c === CR || (inAttribute && (c === LF || c === 0x09))) {
          if (simple) {
            const decoded = this.decodeInOnePass(start, at, stop, inAttribute);
            if (decoded !== null) return decoded;
          }
          simple = false;
        } else if (c === LT) this.fail(WS_E_INVALID_FORMAT, "'<' is not allowed in an attribute value", at);
        else if (c < 0x20 && c !== LF && c !== 0x09) this.checkChar(c, at);
        else if (!inAttribute && c === RSQB && b[at + 1] === RSQB && b[at + 2] === GT)
          this.fail(WS_E_INVALID_FORMAT, "']]>' is not allowed in text", at);
        at++;
        continue;
      }
      const width = utf8CharWidth(b, at);
      if (width !== 0) {
        at += width;
        continue;
      }
      const cp = this.codePointAt(at);
      this.checkChar(cp, at);
      at += this.width;
    }
    if (inAttribute && at >= b.length) this.fail(WS_E_INVALID_FORMAT, "the input ends inside an attribute value", start);
    this.pos = at;
    return simple ? this.view(start, at) : this.decodeCharacterData(start, at, inAttribute);
  }

  /**
   * The usual text with references or line ends to change, checked and decoded in one pass from
   * `at` (the first byte to change; those before it are plain) to `stop`, which sets pos there.
   * Null as soon as anything is unusual — an error to report, a reference to refuse, the end of
   * the input, a character to look at closely — and then readCharacterData goes on from `at` as it
   * always did (checking to the end first, then decoding), so that the same error is reported.
   * The bytes are those decodeCharacterData makes.
   */
  private decodeInOnePass(start: number, at: number, stop: number, inAttribute: boolean): Uint8Array | null {
    const b = this.bytes;
    const length = b.length;
    const plain = inAttribute ? ATTRIBUTE_PLAIN : TEXT_PLAIN;
    let n = this.startArenaText(at - start + 16);
    let out = this.arena;
    for (let i = start; i < at; i++) out[n++] = b[i]!;
    let p = at;
    for (;;) {
      if (p >= length) return null;
      if (n + 4 > out.length) {
        n = this.moveArenaText(n);
        out = this.arena;
      }
      const c = b[p]!;
      if ((BYTE_CLASS[c]! & plain) !== 0) {
        out[n++] = c;
        p++;
      } else if (c === stop) {
        break;
      } else if (c === AMP) {
        // As expandReference: up to ';' before any '&' or the end of the text.
        let semi = p + 1;
        while (semi < length && b[semi] !== 0x3b && b[semi] !== AMP && b[semi] !== stop) semi++;
        if (semi >= length || b[semi] !== 0x3b) return null;
        const predefined = predefinedEntity(b, p + 1, semi);
        if (predefined !== 0) out[n++] = predefined;
        else {
          if (b[p + 1] !== 0x23) return null;
          const hex = b[p + 2] === 0x78;
          const cp = parseCharacterReference(b, p + (hex ? 3 : 2), semi, hex);
          const isChar =
            cp === 0x9 ||
            cp === 0xa ||
            cp === 0xd ||
            (cp >= 0x20 && cp <= 0xd7ff) ||
            (cp >= 0xe000 && cp <= 0xfffd) ||
            (cp >= 0x10000 && cp <= 0x10ffff);
          if (!isChar) return null;
          n += writeUtf8(cp, out, n);
        }
        p = semi + 1;
      } else if (c === CR) {
        out[n++] = inAttribute ? 0x20 : LF;
        p += b[p + 1] === LF ? 2 : 1;
      } else if (inAttribute && (c === LF || c === 0x09)) {
        out[n++] = 0x20;
        p++;
      } else if (inAttribute && (c === QUOTE || c === APOS)) {
        out[n++] = c; // the other quote
        p++;
      } else if (!inAttribute && c === RSQB && !(b[p + 1] === RSQB && b[p + 2] === GT)) {
        out[n++] = c;
        p++;
      } else if (c >= 0x80) {
        const width = utf8CharWidth(b, p);
        if (width === 0) return null;
        for (let i = 0; i < width; i++) out[n++] = b[p + i]!;
        p += width;
      } else {
        return null;
      }
    }
    this.pos = p;
    return this.endArenaText(n);
  }

  /**
   * The size of a new chunk: an eighth of the input within 1 KiB and 64 KiB, few chunks for a large
   * input; in a small input, 64 bytes, which V8 keeps on its heap (the texts are copied out).
   */
  private arenaChunk(): number {
    const length = this.bytes.length;
    return length < SMALL_INPUT ? 64 : Math.min(65536, Math.max(1024, length >> 3));
  }

  /** Starts a decoded text in the arena with room for `room` bytes; returns where to write. */
  private startArenaText(room: number): number {
    if (this.arenaUsed + room > this.arena.length) {
      this.arena = new Uint8Array(Math.max(room, this.arenaChunk()));
      this.arenaUsed = 0;
    }
    this.arenaText = this.arenaUsed;
    return this.arenaUsed;
  }

  /** The text being written fills its chunk at `n`: moves it to a new chunk; returns where to go on writing. */
  private moveArenaText(n: number): number {
    const old = this.arena;
    const written = n - this.arenaText;
    const chunk = new Uint8Array(Math.max(2 * written + 16, this.arenaChunk()));
    for (let i = 0; i < written; i++) chunk[i] = old[this.arenaText + i]!;
    this.arena = chunk;
    this.arenaText = 0;
    this.arenaUsed = 0;
    return written;
  }

  /**
   * The decoded text that ends at `n`: a view of the arena, or in a small input (whose few decoded
   * texts would not pay for a chunk outside V8's heap) a copy, the arena being scratch space.
   */
  private endArenaText(n: number): Uint8Array {
    const start = this.arenaText;
    if (this.bytes.length < SMALL_INPUT) {
      const copy = new Uint8Array(n - start);
      for (let i = 0; i < copy.length; i++) copy[i] = this.arena[start + i]!;
      return copy;
    }
    this.arenaUsed = n;
    return new Uint8Array(this.arena.buffer, this.arena.byteOffset + start, n - start);
  }

  private decodeCharacterData(start: number, end: number, inAttribute: boolean): Uint8Array {
    const b = this.bytes;
    // Expansion never lengthens the text (a reference is longer than its UTF-8; CR LF becomes LF).
    let length = this.startArenaText(end - start);
    const out = this.arena;
    for (let at = start; at < end; ) {
      const c = b[at]!;
      if (c === AMP) {
        at = this.expandReference(at, end, out, length);
        length = this.expandedLength;
        continue;
      }
      if (c === CR) {
        // XML end-of-line handling: CR LF and lone CR become LF (a space in an attribute value).
        out[length++] = inAttribute ? 0x20 : LF;
        at += b[at + 1] === LF ? 2 : 1;
        continue;
      }
      out[length++] = inAttribute && (c === LF || c === 0x09) ? 0x20 : c;
      at++;
    }
    return this.endArenaText(length);
  }

  /** The length of the output after expandReference (a field, not a returned pair, to allocate nothing). */
  private expandedLength = 0;

  /** Expands the reference at `at` into `out` at `length`; returns where the text goes on. */
  private expandReference(at: number, end: number, out: Uint8Array, length: number): number {
    const b = this.bytes;
    // A reference ends at ';'. Character references may carry any number of leading zeros, so the
    // search is bounded by the text, not by a length.
    let semi = at + 1;
    while (semi < end && b[semi] !== 0x3b && b[semi] !== AMP) semi++;
    if (b[semi] !== 0x3b) this.fail(WS_E_INVALID_FORMAT, "'&' must start a reference such as &amp; (no ';' follows it)", at);
    const predefined = predefinedEntity(b, at + 1, semi);
    if (predefined !== 0) {
      out[length] = predefined;
      this.expandedLength = length + 1;
      return semi + 1;
    }
    if (b[at + 1] === 0x23) {
      const hex = b[at + 2] === 0x78;
      const cp = parseCharacterReference(b, at + (hex ? 3 : 2), semi, hex);
      const valid = cp >= 0;
      const isChar =
        cp === 0x9 ||
        cp === 0xa ||
        cp === 0xd ||
        (cp >= 0x20 && cp <= 0xd7ff) ||
        (cp >= 0xe000 && cp <= 0xfffd) ||
        (cp >= 0x10000 && cp <= 0x10ffff);
      if (
        !valid ||
        (!isChar && !(this.options.allowInvalidCharacterReferences && cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)))
      ) {
        this.fail(
          WS_E_INVALID_FORMAT,
          `the character reference "&${this.nameText(at + 1, semi)};" does not name a character allowed in XML`,
          at,
        );
      }
      this.expandedLength = length + writeUtf8(cp, out, length);
      return semi + 1;
    }
    return this.fail(
      WS_E_INVALID_FORMAT,
      `the entity "&${this.nameText(at + 1, semi)};" is not defined (only &lt; &gt; &amp; &quot; &apos; and character references are)`,
      at,
    );
  }
}

/**
 * The byte count of the well-formed UTF-8 sequence at `at` when it is certainly an XML character
 * (XML 1.0 Char), or 0 for codePointAt and checkChar to look at: the usual non-ASCII characters
 * without a call. Two bytes are U+0080-U+07FF; three with E1-EC or EE lead U+1000-U+CFFF or
 * U+E000-U+EFFF; with EF, U+F000-U+FFFF less U+FFFE and U+FFFF. The rest (E0, ED, four bytes,
 * anything malformed) is left to the careful code.
 */
function utf8CharWidth(b: Uint8Array, at: number): number {
  const c = b[at]!;
  if (c >= 0xc2 && c <= 0xdf) return at + 1 < b.length && (b[at + 1]! & 0xc0) === 0x80 ? 2 : 0;
  if (c < 0xe1 || c > 0xef || c === 0xed || at + 2 >= b.length) return 0;
  const c1 = b[at + 1]!;
  const c2 = b[at + 2]!;
  if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return 0;
  return c === 0xef && c1 === 0xbf && c2 >= 0xbe ? 0 : 3;
}
