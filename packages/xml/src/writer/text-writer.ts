import {
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BASE64,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { ByteWriter } from "../shared/byte-writer.js";
import { encodeBase64 } from "../values/base64.js";
import type { NameStrings, NodeSink, OpenElementState, SinkAttribute, SinkStartTag } from "./node-sink.js";
import { appendEscaped, Escape, isWhitespaceOnly, needsNoEscaping } from "./text-escaping.js";
import type { WriterOutput } from "./text-output.js";
import { WriterScope, XML_NAMESPACE, XMLNS_NAMESPACE } from "./writer-namespaces.js";
import type { WriterSettings } from "./writer-properties.js";

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);
const CDATA_START = utf8("<![CDATA[");
const CDATA_END = utf8("]]>");
/** The tags of an element whose start tag carries nothing: `<q>`, `<q/>`, `</q>`. */
interface SimpleTags {
  readonly open: Uint8Array;
  readonly empty: Uint8Array;
  readonly close: Uint8Array;
}
/** How many element names a writer keeps the tags of (TextWriter.simpleTags): documents have few distinct names. */
const MAX_SIMPLE_TAGS = 256;
/** A start tag with no namespace declaration (the common case): shared, never added to. */
const NO_DECLARATIONS: readonly Declaration[] = Object.freeze([]);
/** The empty list a start tag's lists begin as: shared, and replaced by a new array on the first item (addTo). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** `list` with `item` added: the shared empty list is replaced, any other list grows. */
function addTo<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

/** A name the caller gave as text only. */
const NO_STRINGS: NameStrings = Object.freeze({});

/** The WS_XML_BASE64_TEXT of bytes written as base64, for a sink that writes them as bytes. */
const base64Text = (bytes: Uint8Array): WS_XML_TEXT => ({ textType: WS_XML_TEXT_TYPE_BASE64, bytes }) as unknown as WS_XML_TEXT;

/** A namespace declaration (an xmlns attribute). The default namespace has the prefix "". */
interface Declaration {
  prefix: string;
  ns: string;
  singleQuote: boolean;
  /** The WS_XML_STRING the namespace was given as (for a node sink). */
  nsString?: WS_XML_STRING | undefined;
}

interface OpenElement {
  prefix: string;
  localName: string;
  ns: string;
  /** The qualified name as written, for the end tag and messages. */
  qnameText: string;
  /** The scope's size before this element's declarations. */
  mark: number;
  strings: NameStrings;
}

interface Attribute {
  prefix: string;
  localName: string;
  ns: string;
  singleQuote: boolean;
  /** The value, escaped for its quote character. */
  value: ByteWriter;
  /** The value as written, unescaped: what a node sink (a WS_XML_BUFFER) receives. */
  raw: ByteWriter | null;
  /** What wrote the value so far ("chars", "charsUtf8", "text:<WS_XML_TEXT_TYPE>", "qname"), or null. */
  kind: string | null;
  strings: NameStrings;
  /** The WS_XML_TEXTs the value was written from, while every piece was written from one (for a node sink). */
  texts: WS_XML_TEXT[] | null;
}

/**
 * A start tag not yet written. WWSAPI commits an element only when something follows it
 * (content, a child, its end): until then attributes and xmlns attributes may be added. The
 * start tag lists the element name, the attributes in the order they were written, then the
 * namespace declarations: first those written with WsWriteXmlnsAttribute (in call order), then
 * the ones the element's and the attributes' names need, then those requested with a NULL prefix.
 * This is the order Windows writes them in (the Wine conformance tests, which pass against
 * Windows: `<prefix:t xmlns:prefix2="ns2" xmlns:prefix="ns"/>`, `<p:str p:len="0" xmlns:p="ns"/>`,
 * `<p:t q:a="" xmlns:p="n" xmlns:q="o"/>`, `<prefix:t xmlns:prefix="ns" xmlns="ns2"/>`).
 */
interface StartTag {
  element: OpenElement;
  attributes: Attribute[];
  declarations: Declaration[];
  deferred: Declaration[];
}

/** Generated prefixes: "a" … "z", then "aa", "ab", … (Windows writes `xmlns:a` first). */
function generatedPrefix(index: number): string {
  let name = "";
  let n = index;
  do {
    name = String.fromCharCode(0x61 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

function invalidOperation(functionName: string, what: string): WsError {
  return new WsError(WS_E_INVALID_OPERATION, `${functionName}: ${what}`);
}

function invalidFormat(functionName: string, what: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `${functionName}: ${what}`);
}

/**
 * The state of one text document being written by a WS_XML_WRITER: the open elements, the start
 * tag being built, the attribute being written, CDATA, and the namespaces in scope. Names arrive
 * checked (NCNames, well-formed UTF-8); this class enforces the order of calls, the namespace
 * rules and the quotas, and writes the bytes to a TextOutput.
 */
export class TextWriter {
  private readonly open: OpenElement[] = [];
  private start: StartTag | null = null;
  private attribute: Attribute | null = null;
  private inCData = false;
  /** Consecutive `]` at the end of the CDATA text so far (to refuse `]]>` inside the section). */
  private cdataBrackets = 0;
  /** A root element was written and closed. */
  private rootClosed = false;
  /**
   * Base64 written in pieces (WsWriteBytes, WsWriteText with base64) is one base64 text: the
   * 1 or 2 bytes left over after the whole 3-byte groups wait here for the next piece, and are
   * written with "=" padding before anything else is (settle). The kind of text they belong to.
   */
  private base64Tail: Uint8Array | null = null;
  private base64Kind = "";
  private readonly scope = new WriterScope();
  /**
   * Scratch buffers, reused: every output copies what it is given (WriterOutput.append), so a tag
   * or an escaped text is built here and appended, instead of in a new buffer each time. Two,
   * because text is escaped (and may fail) before the start tag it follows is built. They start
   * at ByteWriter's small default, as a writer is made for every message (WsSetOutput).
   */
  private readonly markup = new ByteWriter();
  private readonly escaped = new ByteWriter();
  /**
   * The tags of elements by qualified name, for start tags with no attribute and no declaration
   * (most of them) and for end tags: a document repeats its element names, and a tag kept here is
   * appended as it is rather than built and viewed each time. At most MAX_SIMPLE_TAGS names.
   */
  private readonly simpleTags = new Map<string, SimpleTags>();

  /** With `nodes`, the markup goes to it instead of `output` (WsSetOutputToBuffer). */
  constructor(
    readonly output: WriterOutput,
    private readonly settings: WriterSettings,
    readonly nodes: NodeSink | null = null,
  ) {}

  /** Whether the values written should come with their WS_XML_TEXT (for a binary sink: typed records). */
  get typedText(): boolean {
    return this.nodes?.typedText === true;
  }

  get inAttribute(): boolean {
    return this.attribute !== null;
  }

  /**
   * Sees every piece of markup as it is committed, whatever the output (WsStartWriterCanonicalization:
   * "Every node written by the writer is canonicalized"); null when nobody observes the writer.
   */
  tap: NodeSink | null = null;

  /** How many elements are open (the start tag being built included). */
  get depth(): number {
    return this.open.length;
  }

  /** Whether a root element has been written and closed. */
  get rootWritten(): boolean {
    return this.rootClosed;
  }

  /** The namespace `prefix` is bound to by the elements committed so far, or undefined. */
  namespaceOf(prefix: string): string | undefined {
    return this.scope.lookup(prefix);
  }

  /** Writes what is held back to be joined with what comes next (base64 bytes), so that it goes before what follows. */
  settlePending(fn: string): void {
    this.settle(fn);
  }

  /**
   * Writes the base64 bytes held back (1 or 2, short of a whole 3-byte group) to the output, padded,
   * before the output is handed out: WS_XML_WRITER_PROPERTY_BYTES / _BUFFERS / _BYTES_WRITTEN,
   * WsFlushWriter. Windows shows them: the SDK's raw-copy sample prints `eyAxLCAyLCAzIH0=` for the
   * 11 bytes `{ 1, 2, 3 }` it copied. That ends the base64 text; bytes written later start a new
   * one (the handed-out bytes are a prefix of the document and stay so). Within an attribute nothing
   * is held for the output (the value is output with its start tag), so the bytes stay to be joined.
   */
  settleOutput(fn: string): void {
    if (this.base64Tail === null || this.attribute !== null) return;
    this.settlePending(fn);
  }

  /** Whether a start tag is still open for attributes (not yet committed). */
  get pendingStartTag(): boolean {
    return this.start !== null;
  }

  /**
   * Forgets the document state and continues inside `open` (outermost first), in a CDATA section
   * or not, with or without a root element already in the document: how a writer on a
   * WS_XML_BUFFER goes on at a new position (WsSetWriterPosition, WsMoveWriter). What is still
   * held back (base64 bytes) is written first, where it belongs.
   */
  resume(fn: string, open: readonly OpenElementState[], inCData: boolean, rootClosed: boolean): void {
    // "It is not valid to call WsMoveWriter or WsSetWriterPosition on a writer between matching
    // calls to WsStartWriterCanonicalization and WsEndWriterCanonicalization."
    if (this.tap !== null)
      throw invalidOperation(fn, "the writer cannot move while it is canonicalizing; call WsEndWriterCanonicalization first.");
    this.settle(fn);
    this.open.length = 0;
    this.scope.popTo(0);
    this.start = null;
    this.attribute = null;
    this.inCData = inCData;
    this.cdataBrackets = 0;
    this.rootClosed = rootClosed;
    for (const { prefix, localName, ns, declarations } of open) {
      const qnameText = prefix === "" ? localName : `${prefix}:${localName}`;
      this.open.push({ prefix, localName, ns, qnameText, mark: this.scope.mark(), strings: NO_STRINGS });
      for (const declaration of declarations) this.scope.push(declaration.prefix, declaration.ns);
    }
  }

  // --- elements ---------------------------------------------------------------------------

  /** `strings`: the WS_XML_STRINGs the name was given as, for a node sink that writes dictionary references. */
  startElement(fn: string, prefix: string | null, localName: string, ns: string, strings: NameStrings = NO_STRINGS): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "an element cannot start");
    if (this.inCData) throw invalidOperation(fn, "an element cannot start inside a CDATA section; call WsWriteEndCData first.");
    if (this.open.length === 0 && this.rootClosed && !this.settings.allowFragment) {
      throw invalidFormat(fn, `a second root element <${localName}> is not allowed unless WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT is TRUE.`);
    }
    if (this.open.length >= this.settings.maxDepth) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${fn}: the element <${localName}> would nest ${this.open.length + 1} deep, more than the ${this.settings.maxDepth} of WS_XML_WRITER_PROPERTY_MAX_DEPTH.`,
      );
    }
    if (prefix !== null) this.checkBinding(fn, prefix, ns, `the element <${prefix === "" ? "" : `${prefix}:`}${localName}>`);
    if (ns === XMLNS_NAMESPACE) throw invalidFormat(fn, `the element <${localName}> cannot be in the namespace ${XMLNS_NAMESPACE}.`);
    this.commit(fn, false);
    // No prefix: the innermost prefix in scope for the namespace, else the default namespace,
    // declared on this element (Windows: `<b xmlns="ns2"/>`; an element in no namespace under a
    // default namespace gets xmlns="").
    const resolved = prefix ?? (ns === "" ? "" : (this.scope.prefixOf(ns, true) ?? ""));
    const qnameText = resolved === "" ? localName : `${resolved}:${localName}`;
    const element: OpenElement = {
      prefix: resolved,
      localName,
      ns,
      qnameText,
      mark: this.scope.mark(),
      strings,
    };
    this.open.push(element);
    // Most start tags get no attribute: the lists start as the shared empty one (see addTo).
    this.start = { element, attributes: NONE, declarations: NONE, deferred: NONE };
  }

  endStartElement(fn: string): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "the start tag cannot be ended");
    if (this.start === null) throw invalidOperation(fn, "there is no start element to end; call WsWriteStartElement first.");
    this.commit(fn, false);
  }

  endElement(fn: string): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "the element cannot end");
    if (this.inCData) throw invalidOperation(fn, "an element cannot end inside a CDATA section; call WsWriteEndCData first.");
    const element = this.open[this.open.length - 1];
    if (element === undefined) throw invalidFormat(fn, "there is no open element to end.");
    if (this.start !== null && !this.settings.emitUncompressedEmptyElements) {
      // No content since the start tag: an empty element, `<a/>`.
      this.commit(fn, true);
    } else {
      this.commit(fn, false);
      this.tap?.endElement(fn);
      if (this.nodes !== null) this.nodes.endElement(fn);
      else this.output.append(fn, this.endTag(element));
    }
    this.open.pop();
    this.scope.popTo(element.mark);
    if (this.open.length === 0) this.rootClosed = true;
  }

  // --- attributes -------------------------------------------------------------------------

  startAttribute(
    fn: string,
    prefix: string | null,
    localName: string,
    ns: string,
    singleQuote: boolean,
    strings: NameStrings = NO_STRINGS,
  ): void {
    this.settle(fn);
    if (this.attribute !== null) throw invalidOperation(fn, "an attribute is already being written; call WsWriteEndAttribute first.");
    const start = this.startTagFor(fn, "an attribute");
    if (prefix !== null) {
      if (prefix === "" && ns !== "") {
        throw invalidFormat(
          fn,
          `the attribute "${localName}" has no prefix, so it cannot be in the namespace "${ns}"; give a prefix or NULL.`,
        );
      }
      if (prefix !== "xmlns") this.checkBinding(fn, prefix, ns, `the attribute "${prefix === "" ? "" : `${prefix}:`}${localName}"`);
    }
    this.checkAttributeQuota(fn, start);
    const resolved = prefix ?? (ns === "" ? "" : this.attributePrefix(start, ns));
    const attribute: Attribute = {
      prefix: resolved,
      localName,
      ns,
      singleQuote,
      value: new ByteWriter(32),
      raw: this.nodes === null && this.tap === null ? null : new ByteWriter(32),
      kind: null,
      strings,
      texts: this.nodes === null ? null : [],
    };
    start.attributes = addTo(start.attributes, attribute);
    this.attribute = attribute;
  }

  endAttribute(fn: string): void {
    this.settle(fn);
    if (this.attribute === null) throw invalidOperation(fn, "no attribute is being written; call WsWriteStartAttribute first.");
    this.attribute = null;
  }

  xmlnsAttribute(fn: string, prefix: string | null, ns: string, singleQuote: boolean, nsString?: WS_XML_STRING): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "an xmlns attribute cannot be written");
    const start = this.startTagFor(fn, "an xmlns attribute");
    if (prefix === "xml") {
      if (ns !== XML_NAMESPACE) throw invalidFormat(fn, `the prefix "xml" cannot be bound to "${ns}".`);
      return; // bound by definition: a declaration would be redundant
    }
    if (prefix !== null) this.checkBinding(fn, prefix, ns, "the xmlns attribute");
    if (ns === XMLNS_NAMESPACE) throw invalidFormat(fn, `no prefix can be bound to ${XMLNS_NAMESPACE}.`);
    if (ns === XML_NAMESPACE && prefix !== null) throw invalidFormat(fn, `only the prefix "xml" can be bound to ${XML_NAMESPACE}.`);
    this.checkAttributeQuota(fn, start);
    if (prefix === null) start.deferred = addTo(start.deferred, { prefix: "", ns, singleQuote, nsString });
    else start.declarations = addTo(start.declarations, { prefix, ns, singleQuote, nsString });
  }

  // --- text -------------------------------------------------------------------------------

  /**
   * Character data (well-formed UTF-8 or about to be checked) to the attribute being written, the
   * CDATA section, or element content. `kind` names what wrote it: within one attribute every
   * piece must be of the same kind, and only `repeatable` kinds may write more than once
   * (WsWriteText: "the text Type must be the same for all calls within an attribute").
   * `typed`: the WS_XML_TEXT the bytes were formatted from, passed on to a node sink.
   */
  text(fn: string, bytes: Uint8Array, kind: string, repeatable: boolean, what = "the text", typed?: WS_XML_TEXT): void {
    this.settle(fn);
    this.appendText(fn, bytes, kind, repeatable, what, typed);
  }

  /**
   * Bytes as base64 text, continuing any base64 written just before: Windows writes base64 in
   * whole 3-byte groups and keeps the rest for the next piece, so that pieces join into one text
   * ("abc" written as "ab" then "c" is "YWJj", not "YWI=Yw=="). `kind` as for text().
   */
  base64(fn: string, bytes: Uint8Array, kind: string): void {
    const attribute = this.attribute;
    if (attribute !== null) this.claim(fn, attribute, kind, true);
    else if (!this.inCData && bytes.length > 0) this.checkOutsideRoot(fn, false);
    const tail = this.base64Tail;
    let all = bytes;
    if (tail !== null) {
      all = new Uint8Array(tail.length + bytes.length);
      all.set(tail);
      all.set(bytes, tail.length);
    }
    const whole = all.length - (all.length % 3);
    this.base64Tail = whole === all.length ? null : all.slice(whole);
    this.base64Kind = kind;
    if (whole > 0) {
      const group = all.subarray(0, whole);
      this.appendText(fn, encodeBase64(group), kind, true, "the bytes", base64Text(group));
    }
  }

  /** Writes the bytes base64() kept back, padded; a no-op when there are none. */
  private settle(fn: string): void {
    const tail = this.base64Tail;
    if (tail === null) return;
    this.base64Tail = null;
    this.appendText(fn, encodeBase64(tail), this.base64Kind, true, "the bytes", base64Text(tail));
  }

  /** Within one attribute every piece of the value is of one kind, and only `repeatable` kinds come more than once. */
  private claim(fn: string, attribute: Attribute, kind: string, repeatable: boolean): void {
    if (attribute.kind !== null && (attribute.kind !== kind || !repeatable)) {
      throw invalidOperation(
        fn,
        attribute.kind === kind
          ? `this kind of text can be written only once in an attribute value.`
          : `an attribute value written with ${describeKind(attribute.kind)} cannot continue with ${describeKind(kind)}.`,
      );
    }
    attribute.kind = kind;
  }

  /** Only white space may be written outside the root element, unless fragments are allowed. */
  private checkOutsideRoot(fn: string, whitespaceOnly: boolean): void {
    if (this.open.length === 0 && !this.settings.allowFragment && !whitespaceOnly) {
      throw invalidFormat(
        fn,
        "only white space can be written outside the root element unless WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT is TRUE.",
      );
    }
  }

  private appendText(fn: string, bytes: Uint8Array, kind: string, repeatable: boolean, what: string, typed?: WS_XML_TEXT): void {
    const attribute = this.attribute;
    if (attribute !== null) {
      this.claim(fn, attribute, kind, repeatable);
      appendEscaped(
        attribute.value,
        bytes,
        attribute.singleQuote ? Escape.SingleQuoted : Escape.DoubleQuoted,
        this.settings.allowInvalidCharacterReferences,
        fn,
        what,
      );
      attribute.raw?.bytes(bytes);
      if (attribute.texts !== null) {
        if (typed === undefined) attribute.texts = null;
        else attribute.texts.push(typed);
      }
      return;
    }
    if (this.inCData) {
      this.checkCDataText(fn, bytes, what);
      // CDATA escapes nothing: the bytes are only checked, then written as they are.
      appendEscaped(null, bytes, Escape.None, false, fn, what);
      this.tap?.text(fn, bytes);
      if (this.nodes !== null) this.nodes.text(fn, bytes, typed);
      else this.output.append(fn, bytes);
      return;
    }
    if (bytes.length === 0) return; // nothing to write: an element with only empty text stays `<a/>`
    this.checkOutsideRoot(fn, isWhitespaceOnly(bytes));
    const content = this.escapeContent(fn, bytes, what);
    this.commit(fn, false);
    this.tap?.text(fn, bytes);
    if (this.nodes !== null) this.nodes.text(fn, bytes, typed);
    else this.output.append(fn, content);
  }

  /**
   * Element content as the text output writes it, checked: the bytes themselves when nothing needs
   * escaping (no copy), else their escaped form in a scratch buffer. A node sink takes the
   * characters unescaped, so for it the bytes are only checked.
   */
  private escapeContent(fn: string, bytes: Uint8Array, what: string): Uint8Array {
    if (needsNoEscaping(bytes, Escape.Content)) return bytes;
    const allowInvalid = this.settings.allowInvalidCharacterReferences;
    if (this.nodes !== null) {
      appendEscaped(null, bytes, Escape.Content, allowInvalid, fn, what);
      return bytes;
    }
    const escaped = this.escaped;
    escaped.reset();
    appendEscaped(escaped, bytes, Escape.Content, allowInvalid, fn, what);
    return escaped.view();
  }

  /**
   * The prefix to write a qualified name with when none is given (WsWriteQualifiedName): one in
   * scope for `ns`, including the element being started, the default namespace included; or
   * WS_E_INVALID_FORMAT, which is what Windows returns for a namespace not in scope.
   */
  qualifiedNamePrefix(fn: string, ns: string): string {
    if (this.open.length === 0) throw invalidFormat(fn, "a qualified name can only be written inside an element.");
    const start = this.start;
    const found = start !== null ? this.pendingPrefixOf(start, ns, true) : this.scope.prefixOf(ns, true);
    if (found === undefined) throw invalidFormat(fn, `no prefix is bound to the namespace "${ns}" here.`);
    return found;
  }

  /** Commits the start tag (a qualified name, even an empty one, is content: Windows writes `<p:t xmlns:p="ns">`). */
  beginContent(fn: string): void {
    this.settle(fn);
    if (this.open.length === 0) throw invalidFormat(fn, "a qualified name can only be written inside an element.");
    if (this.attribute === null && !this.inCData) this.commit(fn, false);
  }

  // --- comments and CDATA -----------------------------------------------------------------

  comment(fn: string, bytes: Uint8Array): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "a comment cannot be written");
    if (this.inCData) throw invalidOperation(fn, "a comment cannot be written inside a CDATA section.");
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x2d && (bytes[i + 1] === 0x2d || i === bytes.length - 1)) {
        throw invalidFormat(fn, `the comment contains "--" or ends with "-" (at byte ${i}), which XML does not allow.`);
      }
    }
    const comment = new ByteWriter(bytes.length + 7);
    comment.ascii("<!--");
    appendEscaped(comment, bytes, Escape.None, false, fn, "the comment");
    comment.ascii("-->");
    this.commit(fn, false);
    this.tap?.comment(fn, bytes);
    if (this.nodes !== null) this.nodes.comment(fn, bytes);
    else this.output.append(fn, comment.view());
  }

  startCData(fn: string): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "a CDATA section cannot start");
    if (this.inCData) throw invalidOperation(fn, "CDATA sections cannot be nested.");
    if (this.open.length === 0)
      throw invalidOperation(fn, "a CDATA section cannot appear at the root of the document; start an element first.");
    this.commit(fn, false);
    this.tap?.startCData(fn);
    if (this.nodes !== null) this.nodes.startCData(fn);
    else this.output.append(fn, CDATA_START);
    this.inCData = true;
    this.cdataBrackets = 0;
  }

  endCData(fn: string): void {
    this.settle(fn);
    this.refuseInAttribute(fn, "a CDATA section cannot end");
    if (!this.inCData) throw invalidOperation(fn, "no CDATA section is open; call WsWriteStartCData first.");
    this.tap?.endCData(fn);
    if (this.nodes !== null) this.nodes.endCData(fn);
    else this.output.append(fn, CDATA_END);
    this.inCData = false;
  }

  // --- queries ----------------------------------------------------------------------------

  /**
   * WsGetPrefixFromNamespace: a prefix bound to `ns` by the elements written so far. A start tag
   * not yet committed does not count ("the namespaces and prefixes referenced by the element and
   * any attributes on the element are not available to this function").
   */
  prefixFromNamespace(ns: string): string | undefined {
    if (ns === XMLNS_NAMESPACE) return "xmlns";
    // The scope holds committed declarations only: a start tag's are added when it is written.
    return this.scope.prefixOf(ns, true);
  }

  /** WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE: the bytes the start tag (if any) and the end tags of the open elements still need. */
  bytesToClose(): number {
    const nodes = this.nodes;
    if (nodes?.bytesToClose !== undefined) {
      let start: SinkStartTag | null = null;
      if (this.start !== null) {
        try {
          start = this.sinkStartTag(this.start, this.declarationsOf("WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE", this.start));
        } catch {
          // a start tag that cannot be written: its element alone is counted
          const { prefix, localName, ns, strings } = this.start.element;
          start = { prefix, localName, ns, attributes: [], declarations: [], strings };
        }
      }
      return nodes.bytesToClose(this.open.length, start);
    }
    const ascii = (n: number) => this.output.encodedLength(new Uint8Array(n));
    let total = this.inCData ? ascii(3) : 0; // `]]>`
    for (const element of this.open) total += this.output.encodedLength(utf8(element.qnameText)) + ascii(3); // `</q>`
    const start = this.start;
    if (start !== null) {
      let tag: Uint8Array = utf8(start.element.qnameText);
      try {
        const fn = "WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE";
        tag = this.startTag(fn, start, this.declarationsOf(fn, start)).view();
      } catch {
        // a start tag that cannot be written: its name is counted
      }
      total += this.output.encodedLength(tag) + ascii(1); // `<…>`, closed by the `</q>` counted above
    }
    return total;
  }

  // --- the start tag ----------------------------------------------------------------------

  /** Writes the start tag being built, if any: `<…>`, or `<…/>` when the element ends with no content. */
  private commit(fn: string, empty: boolean): void {
    const start = this.start;
    if (start === null) return;
    if (this.attribute !== null) this.refuseInAttribute(fn, "the start tag cannot be written");
    const declarations = this.declarationsOf(fn, start);
    // The text is made (its namespaces escaped, which may fail) before anything sees the element.
    const tag = this.nodes === null ? this.startTagText(fn, start, declarations, empty) : null;
    if (this.tap !== null) {
      const { prefix, localName, ns, attributes } = this.sinkStartTag(start, declarations);
      this.tap.startElement(fn, prefix, localName, ns, attributes, declarations);
      if (empty) this.tap.endElement(fn);
    }
    if (this.nodes !== null) {
      const { prefix, localName, ns, attributes, strings } = this.sinkStartTag(start, declarations);
      this.nodes.startElement(fn, prefix, localName, ns, attributes, declarations, strings);
      if (empty) this.nodes.endElement(fn);
    } else {
      this.output.append(fn, tag!);
    }
    for (let i = 0; i < declarations.length; i++) this.scope.push(declarations[i]!.prefix, declarations[i]!.ns);
    this.start = null;
  }

  /** The start tag as a node sink receives it. */
  private sinkStartTag(start: StartTag, declarations: readonly Declaration[]): SinkStartTag {
    const { element } = start;
    // No attribute (most start tags): the shared empty list rather than a new one from map.
    const attributes: readonly SinkAttribute[] =
      start.attributes.length === 0
        ? NONE
        : start.attributes.map(
            ({ prefix, localName, ns, singleQuote, raw, strings, texts }): SinkAttribute => ({
              prefix,
              localName,
              ns,
              singleQuote,
              value: raw?.view() ?? new Uint8Array(0),
              strings,
              texts: texts ?? undefined,
            }),
          );
    return { prefix: element.prefix, localName: element.localName, ns: element.ns, attributes, declarations, strings: element.strings };
  }

  /**
   * The namespace declarations the start tag writes (see StartTag for their order), checked: no
   * prefix bound twice, no namespace declaration written as an attribute, no attribute twice, the
   * quotas, characters a namespace cannot hold. Runs for every element, so the usual start tag (no
   * attribute, no xmlns attribute) takes a path with no search and no allocation.
   */
  private declarationsOf(fn: string, start: StartTag): readonly Declaration[] {
    const { element } = start;
    let declarations: readonly Declaration[];
    if (start.attributes.length === 0 && start.declarations.length === 0 && start.deferred.length === 0) {
      declarations =
        this.scope.lookup(element.prefix) === element.ns
          ? NO_DECLARATIONS
          : [{ prefix: element.prefix, ns: element.ns, singleQuote: false, nsString: element.strings.ns }];
    } else {
      declarations = this.collectDeclarations(fn, start);
    }
    this.checkStartTagQuotas(fn, start, declarations.length);
    // The text output checks the namespaces as it escapes them into the tag; a node sink gets
    // them as they are, but the same ones fail.
    if (this.nodes !== null) for (let i = 0; i < declarations.length; i++) this.appendNamespace(fn, null, declarations[i]!);
    return declarations;
  }

  /** declarationsOf for a start tag with attributes or xmlns attributes. */
  private collectDeclarations(fn: string, start: StartTag): Declaration[] {
    const { element } = start;
    const declarations: Declaration[] = [];
    // 1. WsWriteXmlnsAttribute with a prefix, in call order; a repeat is written once, and a
    //    declaration already in effect from an enclosing element is redundant and not written.
    for (const declaration of start.declarations) {
      const same = declaredIn(declarations, declaration.prefix);
      if (same !== undefined) {
        if (same.ns !== declaration.ns) throw conflict(fn, element, declaration.prefix, same.ns, declaration.ns);
        continue;
      }
      if (this.scope.lookup(declaration.prefix) === declaration.ns) continue;
      declarations.push(declaration);
    }
    // 2. the bindings the names need
    this.need(fn, element, declarations, element.prefix, element.ns, element.strings.ns);
    const attributes = start.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i]!;
      if (
        attribute.prefix === "xmlns" ||
        (attribute.prefix === "" && attribute.localName === "xmlns") ||
        attribute.ns === XMLNS_NAMESPACE
      ) {
        throw invalidFormat(
          fn,
          `"${attribute.prefix === "" ? "" : `${attribute.prefix}:`}${attribute.localName}" on <${element.qnameText}> is a namespace declaration; write it with WsWriteXmlnsAttribute.`,
        );
      }
      for (let j = 0; j < i; j++) {
        const other = attributes[j]!;
        if (other.localName === attribute.localName && other.ns === attribute.ns) {
          throw invalidFormat(
            fn,
            `the attribute "${attribute.localName}" (namespace "${attribute.ns}") is written twice on <${element.qnameText}>.`,
          );
        }
      }
      if (attribute.ns !== "") this.need(fn, element, declarations, attribute.prefix, attribute.ns, attribute.strings.ns);
    }
    // 3. WsWriteXmlnsAttribute with a NULL prefix: nothing when the namespace is already bound,
    //    else the default namespace when it is free on this element, else a generated prefix.
    if (start.deferred.length === 0) return declarations;
    const taken = (prefix: string) => declaredIn(declarations, prefix) !== undefined || this.usedOn(start, prefix);
    for (const request of start.deferred) {
      if (this.effectivePrefixOf(declarations, request.ns) !== undefined) continue;
      const { ns, singleQuote, nsString } = request;
      if (!taken("")) declarations.push({ prefix: "", ns, singleQuote, nsString });
      else if (ns === "") throw conflict(fn, element, "", declaredIn(declarations, "")?.ns ?? element.ns, ns);
      else declarations.push({ prefix: this.freePrefix(taken), ns, singleQuote, nsString });
    }
    return declarations;
  }

  /** Declares `prefix` for `ns` unless the start tag or the scope already binds it so. */
  private need(
    fn: string,
    element: OpenElement,
    declarations: Declaration[],
    prefix: string,
    ns: string,
    nsString: WS_XML_STRING | undefined,
  ): void {
    const same = declaredIn(declarations, prefix);
    if (same !== undefined) {
      if (same.ns !== ns) throw conflict(fn, element, prefix, same.ns, ns);
      return;
    }
    if (this.scope.lookup(prefix) !== ns) declarations.push({ prefix, ns, singleQuote: false, nsString });
  }

  private checkStartTagQuotas(fn: string, start: StartTag, declarationCount: number): void {
    const namespaces = this.scope.count + declarationCount;
    if (namespaces > this.settings.maxNamespaces) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${fn}: <${start.element.qnameText}> would bring ${namespaces} namespace declarations into scope, more than the ${this.settings.maxNamespaces} of WS_XML_WRITER_PROPERTY_MAX_NAMESPACES.`,
      );
    }
    const attributes = start.attributes.length + declarationCount;
    if (attributes > this.settings.maxAttributes) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${fn}: <${start.element.qnameText}> would have ${attributes} attributes (namespace declarations included), more than the ${this.settings.maxAttributes} of WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES.`,
      );
    }
  }

  /** The start tag as text, `<…>` or `<…/>`: kept tags when it carries nothing, else built in `markup`. */
  private startTagText(fn: string, start: StartTag, declarations: readonly Declaration[], empty: boolean): Uint8Array {
    if (declarations.length === 0 && start.attributes.length === 0) {
      const tags = this.tagsOf(start.element);
      return empty ? tags.empty : tags.open;
    }
    const tag = this.startTag(fn, start, declarations);
    tag.ascii(empty ? "/>" : ">");
    return tag.view();
  }

  /** The start tag's text, without its closing `>` or `/>`, in the scratch buffer `markup`. */
  private startTag(fn: string, start: StartTag, declarations: readonly Declaration[]): ByteWriter {
    const tag = this.markup;
    tag.reset();
    tag.ascii("<");
    tag.utf8(start.element.qnameText);
    const { attributes } = start;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i]!;
      tag.ascii(" ");
      if (attribute.prefix !== "") {
        tag.utf8(attribute.prefix);
        tag.ascii(":");
      }
      tag.utf8(attribute.localName);
      tag.ascii(attribute.singleQuote ? "='" : '="');
      tag.bytes(attribute.value.view());
      tag.ascii(attribute.singleQuote ? "'" : '"');
    }
    for (let i = 0; i < declarations.length; i++) {
      const declaration = declarations[i]!;
      tag.ascii(declaration.prefix === "" ? " xmlns" : " xmlns:");
      if (declaration.prefix !== "") tag.utf8(declaration.prefix);
      tag.ascii(declaration.singleQuote ? "='" : '="');
      this.appendNamespace(fn, tag, declaration);
      tag.ascii(declaration.singleQuote ? "'" : '"');
    }
    return tag;
  }

  /** A declaration's namespace as an attribute value: checked, and escaped into `out` (null: only checked). */
  private appendNamespace(fn: string, out: ByteWriter | null, declaration: Declaration): void {
    const { ns, singleQuote } = declaration;
    if (isPlainAttributeText(ns, singleQuote)) {
      out?.utf8(ns);
      return;
    }
    const mode = singleQuote ? Escape.SingleQuoted : Escape.DoubleQuoted;
    appendEscaped(out, utf8(ns), mode, this.settings.allowInvalidCharacterReferences, fn, `the namespace "${ns}"`);
  }

  /** `</q>`. */
  private endTag(element: OpenElement): Uint8Array {
    return this.tagsOf(element).close;
  }

  /** The tags of `element` with nothing on its start tag, from `simpleTags` or made (and kept while there is room). */
  private tagsOf(element: OpenElement): SimpleTags {
    const name = element.qnameText;
    const known = this.simpleTags.get(name);
    if (known !== undefined) return known;
    const tags = { open: utf8(`<${name}>`), empty: utf8(`<${name}/>`), close: utf8(`</${name}>`) };
    if (this.simpleTags.size < MAX_SIMPLE_TAGS) this.simpleTags.set(name, tags);
    return tags;
  }

  /** A prefix bound to `ns` once `declarations` are added to the scope, or undefined. */
  private effectivePrefixOf(declarations: readonly Declaration[], ns: string): string | undefined {
    for (let i = declarations.length - 1; i >= 0; i--) if (declarations[i]!.ns === ns) return declarations[i]!.prefix;
    const inScope = this.scope.prefixOf(ns, true);
    if (inScope !== undefined && !declarations.some((d) => d.prefix === inScope)) return inScope;
    return undefined;
  }

  /**
   * The prefix for an attribute in `ns` written with a NULL prefix: the element's own, one
   * declared on the element, one another attribute of the element uses, one in scope; else a new
   * one ("a", "b", …), declared on the element (Windows: `<t a:nil="true" xmlns:a="…XMLSchema-instance"/>`).
   */
  private attributePrefix(start: StartTag, ns: string): string {
    if (ns === XML_NAMESPACE) return "xml";
    return this.pendingPrefixOf(start, ns, false) ?? this.freePrefix((p) => this.usedOn(start, p));
  }

  /** A prefix bound to `ns` on the start tag being built or in scope (and not rebound by the start tag). */
  private pendingPrefixOf(start: StartTag, ns: string, allowDefault: boolean): string | undefined {
    const usable = (prefix: string) => allowDefault || prefix !== "";
    const { element } = start;
    if (element.ns === ns && usable(element.prefix)) return element.prefix;
    for (const declaration of start.declarations) if (declaration.ns === ns && usable(declaration.prefix)) return declaration.prefix;
    for (const attribute of start.attributes) if (attribute.ns === ns && attribute.prefix !== "") return attribute.prefix;
    const inScope = this.scope.prefixOf(ns, allowDefault);
    if (inScope !== undefined && this.boundOn(start, inScope) === undefined) return inScope;
    return undefined;
  }

  /** The namespace the start tag binds `prefix` to (its name, a declaration or an attribute), or undefined. */
  private boundOn(start: StartTag, prefix: string): string | undefined {
    if (start.element.prefix === prefix) return start.element.ns;
    for (const declaration of start.declarations) if (declaration.prefix === prefix) return declaration.ns;
    for (const attribute of start.attributes) if (attribute.ns !== "" && attribute.prefix === prefix) return attribute.ns;
    return undefined;
  }

  private usedOn(start: StartTag, prefix: string): boolean {
    return this.boundOn(start, prefix) !== undefined;
  }

  /** The first generated prefix bound neither in scope nor by `taken`. */
  private freePrefix(taken: (prefix: string) => boolean): string {
    for (let i = 0; ; i++) {
      const prefix = generatedPrefix(i);
      if (this.scope.lookup(prefix) === undefined && !taken(prefix)) return prefix;
    }
  }

  // --- checks -----------------------------------------------------------------------------

  private refuseInAttribute(fn: string, what: string): void {
    if (this.attribute !== null) throw invalidOperation(fn, `${what} while an attribute is being written; call WsWriteEndAttribute first.`);
  }

  private startTagFor(fn: string, what: string): StartTag {
    if (this.start === null) {
      throw invalidOperation(fn, `${what} can only be written right after WsWriteStartElement, before the element has any content.`);
    }
    return this.start;
  }

  private checkAttributeQuota(fn: string, start: StartTag): void {
    const count = start.attributes.length + start.declarations.length + start.deferred.length;
    if (count >= this.settings.maxAttributes) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${fn}: the element already has ${count} attributes, the most WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES (${this.settings.maxAttributes}) allows.`,
      );
    }
  }

  /** The rules of Namespaces in XML 1.0 for binding `prefix` to `ns` (an explicit prefix). */
  private checkBinding(fn: string, prefix: string, ns: string, subject: string): void {
    if (prefix !== "" && ns === "") throw invalidFormat(fn, `${subject} has the prefix "${prefix}" but an empty namespace.`);
    if (prefix === "xmlns") throw invalidFormat(fn, `${subject} cannot use the reserved prefix "xmlns".`);
    if (prefix === "xml" && ns !== XML_NAMESPACE) throw invalidFormat(fn, `${subject}: the prefix "xml" cannot be bound to "${ns}".`);
    if (prefix !== "xml" && ns === XML_NAMESPACE)
      throw invalidFormat(fn, `${subject}: only the prefix "xml" can be bound to ${XML_NAMESPACE}.`);
  }

  private checkCDataText(fn: string, bytes: Uint8Array, what: string): void {
    let brackets = this.cdataBrackets;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === 0x3e && brackets >= 2) throw invalidFormat(fn, `${what} contains "]]>", which cannot appear inside a CDATA section.`);
      brackets = b === 0x5d ? brackets + 1 : 0;
    }
    this.cdataBrackets = brackets;
  }
}

/** The declaration of `prefix` among `declarations`, or undefined. */
function declaredIn(declarations: readonly Declaration[], prefix: string): Declaration | undefined {
  for (const declaration of declarations) if (declaration.prefix === prefix) return declaration;
  return undefined;
}

function conflict(fn: string, element: OpenElement, prefix: string, a: string, b: string): WsError {
  return invalidFormat(fn, `the prefix "${prefix}" would be bound to both "${a}" and "${b}" on the element <${element.qnameText}>.`);
}

/** Whether an attribute value needs no escaping: printable ASCII with no `<`, `&` or delimiting quote. */
function isPlainAttributeText(text: string, singleQuote: boolean): boolean {
  const quote = singleQuote ? 0x27 : 0x22;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit >= 0x80 || unit === 0x3c || unit === 0x26 || unit === quote) return false;
  }
  return true;
}

function describeKind(kind: string): string {
  if (kind === "chars") return "WsWriteChars";
  if (kind === "charsUtf8") return "WsWriteCharsUtf8";
  if (kind === "qname") return "WsWriteQualifiedName";
  if (kind === "bytes") return "WsWriteBytes";
  if (kind === "value") return "WsWriteValue";
  return `WsWriteText (text type ${kind.slice(5)})`;
}
