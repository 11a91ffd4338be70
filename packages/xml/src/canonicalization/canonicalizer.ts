import { WS_E_INVALID_OPERATION } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { encodeUtf8 } from "../text-utils/xml-string.js";
import { appendCanonicalAttributeValue, appendCanonicalText } from "./canonical-escaping.js";
import type { CanonicalOutput } from "./canonical-output.js";
import type { CanonicalizationSettings } from "./canonicalization-settings.js";
import { compareCodePoints } from "./code-point-order.js";
import { type Binding, type Bindings, namespacesToRender, withBindings } from "./namespace-rendering.js";

/** An attribute as a reader or writer has it: its value is the characters, unescaped, in UTF-8. */
export interface CanonicalAttribute {
  prefix: string;
  localName: string;
  ns: string;
  value: Uint8Array;
}

/** Where canonicalization starts, as the reader or writer knows it. */
export interface CanonicalizationStart {
  /** The function that started it, for messages (WsStartWriterCanonicalization, …). */
  startFunction: string;
  /** The API that must end it before going above the start: "WsEndWriterCanonicalization" … */
  endFunction: string;
  /** It starts outside every element (at the start of the document, or between root-level nodes). */
  documentLevel: boolean;
  /** At document level: the document element has already been written or read. */
  afterDocumentElement: boolean;
  /** The namespaces in scope where it starts (for inclusive prefixes); "" is the default namespace. */
  inScope: Bindings;
}

interface OpenElement {
  /** The end tag, `</qname>`, as canonical bytes. */
  endTag: Uint8Array;
  scope: Bindings;
  rendered: Bindings;
}

/** What every namespace declaration starts with. */
const XMLNS = encodeUtf8(" xmlns");

function isWhitespace(utf8: Uint8Array): boolean {
  for (const b of utf8) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/**
 * Turns the nodes a reader reads or a writer writes into their canonical form (Canonical XML 1.0,
 * or Exclusive XML Canonicalization 1.0, with or without comments), node by node, as they come:
 * WWSAPI canonicalizes in the same pass that reads or writes ("canonicalization and generation can
 * be done in one pass"), so nothing is held but the open elements' namespace state.
 *
 * The nodes are those of a document without a DTD (WWSAPI refuses DTDs and processing
 * instructions): elements, text (CDATA sections arrive as their text), comments. Serialisation
 * (Canonical XML 1.0 §2.3): start and end tags always in pairs, no XML declaration, namespace
 * declarations then attributes each sorted, values between double quotes, the escaping of
 * canonical-escaping.ts, comments only with comments and then with a line feed separating a
 * comment outside the document element from it.
 *
 * `depth` counts the elements opened since the start; an end tag at depth 0 would leave the
 * element canonicalization started in, which WWSAPI refuses: "Other … APIs will return an error if
 * they move to a depth lower than where [Start…Canonicalization] was called".
 */
export class Canonicalizer {
  private readonly open: OpenElement[] = [];
  /** Elements inside the omitted element (WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT), it included. */
  private omitted = 0;
  private afterDocumentElement: boolean;
  private readonly base: OpenElement;

  constructor(
    private readonly settings: CanonicalizationSettings,
    private readonly output: CanonicalOutput,
    private readonly start: CanonicalizationStart,
  ) {
    this.afterDocumentElement = start.afterDocumentElement;
    this.base = { endTag: new Uint8Array(0), scope: start.inScope, rendered: new Map() };
  }

  /** Elements opened since the start and not yet closed. */
  get depth(): number {
    return this.open.length + this.omitted;
  }

  startElement(
    fn: string,
    prefix: string,
    localName: string,
    ns: string,
    attributes: readonly CanonicalAttribute[],
    declarations: readonly Binding[],
  ): void {
    const omitted = this.settings.omittedElement;
    if (this.omitted > 0 || (omitted !== null && omitted.localName === localName && omitted.ns === ns)) {
      this.omitted++;
      return;
    }
    const parent = this.open[this.open.length - 1] ?? this.base;
    // The element's and its attributes' own bindings are in scope at it, declared here or above.
    const used: Binding[] = [{ prefix, ns }];
    for (const attribute of attributes) if (attribute.prefix !== "") used.push(attribute);
    const scope = withBindings(withBindings(parent.scope, declarations), used);
    const names = { prefix, ns, attributes };
    const declared = namespacesToRender(this.settings.exclusive, this.settings.inclusivePrefixes, names, scope, parent.rendered);
    const qname = encodeUtf8(prefix === "" ? localName : `${prefix}:${localName}`);

    const out = this.output.bytes;
    out.ascii("<");
    out.bytes(qname);
    for (const { prefix: declaredPrefix, ns: value } of declared) {
      out.bytes(XMLNS);
      if (declaredPrefix !== "") {
        out.ascii(":");
        out.bytes(encodeUtf8(declaredPrefix));
      }
      out.ascii('="');
      appendCanonicalAttributeValue(out, encodeUtf8(value));
      out.ascii('"');
    }
    // "Attribute nodes … are sorted lexicographically with namespace URI as the primary key and
    // local name as the secondary key (an empty namespace URI is lexicographically least)."
    const sorted = [...attributes].sort((a, b) => compareCodePoints(a.ns, b.ns) || compareCodePoints(a.localName, b.localName));
    for (const attribute of sorted) {
      out.ascii(" ");
      out.bytes(encodeUtf8(attribute.prefix === "" ? attribute.localName : `${attribute.prefix}:${attribute.localName}`));
      out.ascii('="');
      appendCanonicalAttributeValue(out, attribute.value);
      out.ascii('"');
    }
    out.ascii(">");
    const endTag = new Uint8Array(qname.length + 3);
    endTag.set([0x3c, 0x2f]);
    endTag.set(qname, 2);
    endTag[endTag.length - 1] = 0x3e;
    this.open.push({ endTag, scope, rendered: withBindings(parent.rendered, declared) });
    this.output.drain(fn);
  }

  endElement(fn: string): void {
    if (this.depth === 0) {
      throw new WsError(
        WS_E_INVALID_OPERATION,
        `${fn}: this would end the element that encloses where ${this.start.startFunction} was called; call ${this.start.endFunction} first, at the depth where canonicalization started.`,
      );
    }
    if (this.omitted > 0) {
      this.omitted--;
      return;
    }
    const element = this.open.pop()!;
    this.output.bytes.bytes(element.endTag);
    if (this.open.length === 0 && this.start.documentLevel) this.afterDocumentElement = true;
    this.output.drain(fn);
  }

  /** Character data: element content, or the text of a CDATA section ("CDATA sections are replaced with their character content"). */
  text(fn: string, utf8: Uint8Array): void {
    if (this.omitted > 0 || utf8.length === 0) return;
    // Outside the document element there are no text nodes in the data model: white space there
    // is not part of the document and is not written.
    if (this.atDocumentLevel() && isWhitespace(utf8)) return;
    appendCanonicalText(this.output.bytes, utf8);
    this.output.drain(fn);
  }

  /**
   * "Comment Nodes – Nothing if generating canonical XML without comments. For canonical XML with
   * comments, generate the opening comment symbol (<!--), the string value of the node, and the
   * closing comment symbol (-->). Also, a trailing #xA is rendered after the closing comment symbol
   * for comment children of the root node with a lesser document order than the document element,
   * and a leading #xA is rendered before the opening comment symbol of comment children of the root
   * node with a greater document order than the document element."
   */
  comment(fn: string, utf8: Uint8Array): void {
    if (this.omitted > 0 || !this.settings.withComments) return;
    const out = this.output.bytes;
    const outside = this.atDocumentLevel();
    if (outside && this.afterDocumentElement) out.ascii("\n");
    out.ascii("<!--");
    out.bytes(utf8);
    out.ascii("-->");
    if (outside && !this.afterDocumentElement) out.ascii("\n");
    this.output.drain(fn);
  }

  /** Writes what is still buffered to the callback. */
  finish(fn: string): void {
    this.output.finish(fn);
  }

  private atDocumentLevel(): boolean {
    return this.start.documentLevel && this.open.length === 0;
  }
}
