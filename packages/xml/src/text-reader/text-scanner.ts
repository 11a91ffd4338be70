import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED, type WS_XML_ATTRIBUTE, type WS_XML_NODE } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { isNameChar, isNameStartChar } from "../text-utils/xml-chars.js";
import { bytesEqual } from "../text-utils/xml-string.js";
import { NamespaceScope } from "./namespace-scope.js";
import { type LineColumn, lineColumnAt } from "./reader-position.js";
import { findRepeatedAttribute } from "./repeated-attributes.js";
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

interface OpenElement {
  /** Where the qualified name stands in the input, to match the end tag byte for byte. */
  nameStart: number;
  nameEnd: number;
  namespaceMark: number;
}

interface RawAttribute {
  prefix: string;
  prefixBytes: Uint8Array | null;
  localName: Uint8Array;
  value: Uint8Array;
  singleQuote: boolean;
  offset: number;
}

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

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);
const latin = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");
const CDATA_OPEN = ascii("[CDATA[");
const XML_DECL = ascii("<?xml");

/**
 * The text XML scanner behind WS_XML_READER: UTF-8 bytes in, WWSAPI nodes out, one per next().
 * It works on bytes and hands out views into the input wherever the text needs no decoding, so a
 * typical SOAP message costs one pass and few allocations. It refuses what WWSAPI refuses — DTDs
 * of any kind, processing instructions, undefined entities, invalid characters — and enforces the
 * depth, attribute and namespace quotas, reporting line:column of the offending byte.
 */
export class TextScanner {
  private pos = 0;
  private readonly open: OpenElement[] = [];
  private readonly scope: NamespaceScope;
  private rootSeen = false;
  /** After `<a/>`: the END_ELEMENT to report next. After `<![CDATA[`: 1, its text; 2, its end. */
  private pendingEndElement = false;
  private cdataPhase = 0;
  private cdataText: Uint8Array | null = null;
  private finished = false;
  /** The XML declaration's encoding name, if it had one. */
  declaredEncoding: string | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: ScannerOptions,
  ) {
    this.scope = new NamespaceScope(options.maxNamespaces);
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
    return this.open.length;
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
    if (this.pendingEndElement) {
      this.pendingEndElement = false;
      return this.closeElement();
    }
    if (this.cdataPhase !== 0) return this.continueCData();
    if (this.finished) return EOF_NODE;
    const bytes = this.bytes;
    if (this.pos >= bytes.length) return this.endOfInput();
    if (bytes[this.pos] !== LT) return this.readText();
    const next = bytes[this.pos + 1];
    if (next === SLASH) return this.readEndTag();
    if (next === BANG) {
      if (bytes[this.pos + 2] === 0x2d && bytes[this.pos + 3] === 0x2d) return this.readComment();
      if (this.startsWith(CDATA_OPEN, this.pos + 2)) return this.startCData();
      if (this.startsWith(ascii("DOCTYPE"), this.pos + 2))
        this.fail(WS_E_INVALID_FORMAT, "DTDs are not supported (a <!DOCTYPE> declaration)", this.pos);
      this.fail(WS_E_INVALID_FORMAT, "unexpected markup after '<!'", this.pos);
    }
    if (next === QUESTION) {
      if (this.isDeclarationAt(this.pos)) {
        if (this.pos === 0) this.fail(WS_E_INVALID_FORMAT, "the input ends inside the XML declaration", this.bytes.length);
        this.fail(WS_E_INVALID_FORMAT, "an XML declaration is only allowed at the very start of the document", this.pos);
      }
      this.fail(WS_E_INVALID_FORMAT, "processing instructions are not supported", this.pos);
    }
    return this.readStartTag();
  }

  // --- errors and positions -------------------------------------------------------------

  fail(hr: number, what: string, at: number): never {
    const { line, column } = lineColumnAt(this.bytes, at);
    throw new WsError(hr, `XML reader: ${what}, at line ${line}, column ${column} (byte ${at}).`);
  }

  private where(at: number): () => string {
    return () => {
      const { line, column } = lineColumnAt(this.bytes, at);
      return `at line ${line}, column ${column}`;
    };
  }

  private startsWith(needle: Uint8Array, at: number): boolean {
    if (at + needle.length > this.bytes.length) return false;
    for (let i = 0; i < needle.length; i++) if (this.bytes[at + i] !== needle[i]) return false;
    return true;
  }

  private skipSpaces(): void {
    while (this.pos < this.bytes.length && isSpace(this.bytes[this.pos]!)) this.pos++;
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

  /** Scans an NCName at pos; returns its end. */
  private scanNcName(what: string, afterPrefix: Uint8Array | null = null): number {
    const b = this.bytes;
    let at = this.pos;
    const first = b[at];
    if (first === undefined || !isNameStartChar(this.codePointAt(at)) || first === COLON) {
      // The message is built only here: decoding the prefix on every name would cost on the hot path.
      const name = afterPrefix === null ? what : `${what} after the prefix "${utf8.decode(afterPrefix)}"`;
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

  /** A QName: [prefix ':'] localName. The prefix is null when there is none. */
  private scanQName(what: string): { prefix: Uint8Array | null; localName: Uint8Array; start: number; end: number } {
    const start = this.pos;
    let end = this.scanNcName(what);
    if (this.bytes[end] === COLON) {
      const prefix = this.bytes.subarray(start, end);
      this.pos = end + 1;
      end = this.scanNcName("a local name", prefix);
      const localName = this.bytes.subarray(this.pos, end);
      this.pos = end;
      return { prefix, localName, start, end };
    }
    this.pos = end;
    return { prefix: null, localName: this.bytes.subarray(start, end), start, end };
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

  private readStartTag(): WS_XML_NODE {
    const tagStart = this.pos;
    if (this.open.length === 0 && this.rootSeen && !this.options.allowFragment) {
      this.fail(
        WS_E_INVALID_FORMAT,
        "a second root element (only one is allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is set)",
        tagStart,
      );
    }
    if (this.open.length >= this.options.maxDepth) {
      this.fail(
        WS_E_QUOTA_EXCEEDED,
        `the element nesting goes deeper than ${this.options.maxDepth} (WS_XML_READER_PROPERTY_MAX_DEPTH)`,
        tagStart,
      );
    }
    this.pos++;
    const name = this.scanQName("an element name");
    const raw: RawAttribute[] = [];
    let isEmpty = false;
    for (;;) {
      const hadSpace = isSpace(this.bytes[this.pos] ?? 0);
      this.skipSpaces();
      const c = this.bytes[this.pos];
      if (c === GT) {
        this.pos++;
        break;
      }
      if (c === SLASH) {
        this.pos++;
        this.expect(GT, "'>' after '/'");
        isEmpty = true;
        break;
      }
      if (c === undefined) this.fail(WS_E_INVALID_FORMAT, "the input ends inside a start tag", this.pos);
      if (!hadSpace) this.fail(WS_E_INVALID_FORMAT, "white space was expected before an attribute", this.pos);
      if (raw.length >= this.options.maxAttributes) {
        this.fail(
          WS_E_QUOTA_EXCEEDED,
          `an element has more than ${this.options.maxAttributes} attributes (WS_XML_READER_PROPERTY_MAX_ATTRIBUTES)`,
          this.pos,
        );
      }
      raw.push(this.readAttribute());
    }

    const namespaceMark = this.scope.mark();
    const attributes = this.resolveAttributes(raw);
    const prefix = name.prefix === null ? "" : latinOrUtf8(name.prefix);
    const ns = this.scope.lookup(prefix);
    if (ns === undefined) this.fail(WS_E_INVALID_FORMAT, `the prefix "${prefix}" is not declared`, tagStart + 1);
    this.rootSeen = true;
    this.open.push({ nameStart: name.start, nameEnd: name.end, namespaceMark });
    this.pendingEndElement = isEmpty;
    return elementNode(
      name.prefix === null ? EMPTY_XML_STRING : xmlString(name.prefix),
      xmlString(name.localName),
      ns,
      attributes,
      isEmpty,
    );
  }

  private readAttribute(): RawAttribute {
    const offset = this.pos;
    const name = this.scanQName("an attribute name");
    this.skipSpaces();
    if (this.bytes[this.pos] !== EQUALS)
      this.fail(WS_E_INVALID_FORMAT, `'=' was expected after the attribute name "${this.nameText(name.start, name.end)}"`, this.pos);
    this.pos++;
    this.skipSpaces();
    const quote = this.bytes[this.pos];
    if (quote !== QUOTE && quote !== APOS) this.fail(WS_E_INVALID_FORMAT, "a quoted attribute value was expected", this.pos);
    this.pos++;
    const value = this.readCharacterData(quote, true);
    this.pos++; // the closing quote
    return {
      prefix: name.prefix === null ? "" : latinOrUtf8(name.prefix),
      prefixBytes: name.prefix,
      localName: name.localName,
      value,
      singleQuote: quote === APOS,
      offset,
    };
  }

  /** Declares the element's namespaces first, then resolves every attribute's prefix. */
  private resolveAttributes(raw: RawAttribute[]): WS_XML_ATTRIBUTE[] {
    const attributes: WS_XML_ATTRIBUTE[] = new Array(raw.length);
    for (const a of raw) {
      if (a.prefix === "xmlns") this.scope.declare(utf8.decode(a.localName), xmlString(a.value), this.where(a.offset));
      else if (a.prefix === "" && isXmlnsName(a.localName)) this.scope.declare("", xmlString(a.value), this.where(a.offset));
    }
    for (let i = 0; i < raw.length; i++) {
      const a = raw[i]!;
      const singleQuote = a.singleQuote ? 1 : 0;
      if (a.prefix === "xmlns") {
        attributes[i] = { singleQuote, isXmlNs: 1, prefix: xmlString(a.localName), localName: null, ns: xmlString(a.value), value: null };
      } else if (a.prefix === "" && isXmlnsName(a.localName)) {
        attributes[i] = { singleQuote, isXmlNs: 1, prefix: EMPTY_XML_STRING, localName: null, ns: xmlString(a.value), value: null };
      } else {
        // Unprefixed attributes are in no namespace, whatever the default namespace.
        const ns = a.prefix === "" ? EMPTY_XML_STRING : this.scope.lookup(a.prefix);
        if (ns === undefined) this.fail(WS_E_INVALID_FORMAT, `the prefix "${a.prefix}" is not declared`, a.offset);
        attributes[i] = {
          singleQuote,
          isXmlNs: 0,
          prefix: a.prefixBytes === null ? EMPTY_XML_STRING : xmlString(a.prefixBytes),
          localName: xmlString(a.localName),
          ns,
          value: utf8Text(xmlString(a.value)),
        };
      }
    }
    // Namespaces in XML: no two attributes with the same expanded name (nor two declarations of a prefix).
    const repeated = findRepeatedAttribute(attributes);
    if (repeated >= 0) this.fail(WS_E_INVALID_FORMAT, "an attribute is repeated", raw[repeated]!.offset);
    return attributes;
  }

  private readEndTag(): WS_XML_NODE {
    const tagStart = this.pos;
    const top = this.open[this.open.length - 1];
    // The common case first: the end tag repeats the open element's name, byte for byte.
    if (top !== undefined && this.matchesOpenName(top, tagStart + 2)) {
      this.pos = tagStart + 2 + (top.nameEnd - top.nameStart);
    } else {
      this.pos += 2;
      const name = this.scanQName("an element name in the end tag");
      const written = this.nameText(name.start, name.end);
      if (top === undefined) this.fail(WS_E_INVALID_FORMAT, `an end tag "</${written}>" without a start tag`, tagStart);
      // The right name, but the input stops right after it: say so, rather than "does not match".
      if (name.end >= this.bytes.length && written === this.nameText(top.nameStart, top.nameEnd)) {
        this.fail(WS_E_INVALID_FORMAT, "the input ends inside an end tag", name.end);
      }
      this.fail(
        WS_E_INVALID_FORMAT,
        `the end tag "</${written}>" does not match the start tag "<${this.nameText(top.nameStart, top.nameEnd)}>"`,
        tagStart,
      );
    }
    this.skipSpaces();
    this.expect(GT, "'>' closing the end tag");
    return this.closeElement();
  }

  /** Whether the open element's name stands at `at`, followed by something that ends a name. */
  private matchesOpenName(top: OpenElement, at: number): boolean {
    const b = this.bytes;
    const length = top.nameEnd - top.nameStart;
    for (let i = 0; i < length; i++) if (b[at + i] !== b[top.nameStart + i]) return false;
    const after = b[at + length];
    return after === GT || (after !== undefined && isSpace(after));
  }

  private closeElement(): WS_XML_NODE {
    const closed = this.open.pop()!;
    this.scope.popTo(closed.namespaceMark);
    return END_ELEMENT_NODE;
  }

  private endOfInput(): WS_XML_NODE {
    if (this.open.length > 0) {
      this.fail(
        WS_E_INVALID_FORMAT,
        `the input ends inside the element "${this.nameText(this.open[this.open.length - 1]!.nameStart, this.open[this.open.length - 1]!.nameEnd)}"`,
        this.pos,
      );
    }
    if (!this.rootSeen && !this.options.allowFragment) this.fail(WS_E_INVALID_FORMAT, "the document has no root element", this.pos);
    this.finished = true;
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
    if (this.open.length === 0) this.fail(WS_E_INVALID_FORMAT, "a CDATA section outside the root element", this.pos);
    const start = this.pos + 9;
    const b = this.bytes;
    for (let at = start; at < b.length; ) {
      if (b[at] === RSQB && b[at + 1] === RSQB && b[at + 2] === GT) {
        this.pos = at + 3;
        this.cdataText = b.subarray(start, at);
        this.cdataPhase = 1;
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
    const start = this.pos;
    const value = this.readCharacterData(LT, false);
    if (this.open.length === 0 && !this.options.allowFragment) {
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
   * view of the input when nothing needed changing.
   */
  private readCharacterData(stop: number, inAttribute: boolean): Uint8Array {
    const b = this.bytes;
    const start = this.pos;
    let at = start;
    let simple = true;
    for (; at < b.length; ) {
      const c = b[at]!;
      if (c === stop) break;
      if (c < 0x80) {
        if (c === AMP || c === CR || (inAttribute && (c === LF || c === 0x09))) simple = false;
        else if (c === LT) this.fail(WS_E_INVALID_FORMAT, "'<' is not allowed in an attribute value", at);
        else if (c < 0x20 && c !== LF && c !== 0x09) this.checkChar(c, at);
        else if (!inAttribute && c === RSQB && b[at + 1] === RSQB && b[at + 2] === GT)
          this.fail(WS_E_INVALID_FORMAT, "']]>' is not allowed in text", at);
        at++;
        continue;
      }
      const cp = this.codePointAt(at);
      this.checkChar(cp, at);
      at += this.width;
    }
    if (inAttribute && at >= b.length) this.fail(WS_E_INVALID_FORMAT, "the input ends inside an attribute value", start);
    this.pos = at;
    return simple ? b.subarray(start, at) : this.decodeCharacterData(start, at, inAttribute);
  }

  private decodeCharacterData(start: number, end: number, inAttribute: boolean): Uint8Array {
    const b = this.bytes;
    // Expansion never lengthens the text (a reference is longer than its UTF-8; CR LF becomes LF).
    const out = new Uint8Array(end - start);
    let length = 0;
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
    return out.subarray(0, length);
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

/** The byte a predefined entity (lt gt amp quot apos) between `from` and `to` stands for, or 0. */
function predefinedEntity(b: Uint8Array, from: number, to: number): number {
  const n = to - from;
  const c0 = b[from];
  if (n === 2 && b[from + 1] === 0x74) return c0 === 0x6c ? LT : c0 === 0x67 ? GT : 0;
  if (n === 3 && c0 === 0x61 && b[from + 1] === 0x6d && b[from + 2] === 0x70) return AMP;
  if (n === 4 && c0 === 0x71 && b[from + 1] === 0x75 && b[from + 2] === 0x6f && b[from + 3] === 0x74) return QUOTE;
  if (n === 4 && c0 === 0x61 && b[from + 1] === 0x70 && b[from + 2] === 0x6f && b[from + 3] === 0x73) return APOS;
  return 0;
}

/** The code point of the digits between `from` and `to`, or -1 when they are not all digits. */
function parseCharacterReference(b: Uint8Array, from: number, to: number, hex: boolean): number {
  if (from >= to) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && c >= 0x61 && c <= 0x66 ? c - 0x57 : hex && c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * (hex ? 16 : 10) + digit;
    if (value > 0x10ffff) value = 0x110000; // past Unicode: keep it out of range without overflowing
  }
  return value;
}

/** Writes `cp` as UTF-8 into `out` at `at`; returns the byte count. */
function writeUtf8(cp: number, out: Uint8Array, at: number): number {
  if (cp < 0x80) {
    out[at] = cp;
    return 1;
  }
  if (cp < 0x800) {
    out[at] = 0xc0 | (cp >> 6);
    out[at + 1] = 0x80 | (cp & 0x3f);
    return 2;
  }
  if (cp < 0x10000) {
    out[at] = 0xe0 | (cp >> 12);
    out[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[at + 2] = 0x80 | (cp & 0x3f);
    return 3;
  }
  out[at] = 0xf0 | (cp >> 18);
  out[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[at + 3] = 0x80 | (cp & 0x3f);
  return 4;
}
const XMLNS = ascii("xmlns");

function isXmlnsName(localName: Uint8Array): boolean {
  return bytesEqual(localName, XMLNS);
}

/** A prefix as a string, to key namespace bindings; prefixes are short and nearly always ASCII. */
function latinOrUtf8(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) return utf8.decode(bytes);
    text += String.fromCharCode(b);
  }
  return text;
}

function normalizeNewlines(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(CR)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === CR) {
      out.push(LF);
      if (bytes[i + 1] === LF) i++;
    } else out.push(bytes[i]!);
  }
  return Uint8Array.from(out);
}
