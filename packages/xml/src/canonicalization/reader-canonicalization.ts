import {
  type HRESULT,
  S_OK,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_WRITE_CALLBACK,
  type WS_XML_CANONICALIZATION_PROPERTY,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_TEXT_NODE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NodeSource } from "../reader/node-source.js";
import type { ReaderNodeTap, XmlReaderObject } from "../reader/xml-reader-object.js";
import { AttributeSource } from "../reader-content/attribute-source.js";
import { textUtf8 } from "../reader-content/node-text.js";
import { decodeUtf8 } from "../text-utils/xml-string.js";
import { CanonicalOutput } from "./canonical-output.js";
import { canonicalizationSettings } from "./canonicalization-settings.js";
import { type CanonicalAttribute, Canonicalizer } from "./canonicalizer.js";
import type { Binding } from "./namespace-rendering.js";

/** How messages name what met a failure while the reader moves (the reader function's name is added by the reader). */
const WHILE_READING = "canonicalization";

const text = (string: WS_XML_STRING | null) => (string === null ? "" : decodeUtf8(string.bytes));

/**
 * Canonicalization of what a WS_XML_READER reads: "Nodes advanced over are canonicalized
 * including nodes of child elements skipped using WsSkipNode. This is beneficial because it means
 * that canonicalization and parsing can be done in one pass over the XML content regardless of
 * what functions are used to read the data."
 *
 * A node is canonicalized when the reader moves off it, not when it arrives on it: the usage
 * pattern "call WsStartReaderCanonicalization, WsSkipNode and WsEndReaderCanonicalization when the
 * Reader is positioned on the element" then covers exactly the element — the node the reader was on
 * at the start — and everything up to its end element, and not the node after it, where WsSkipNode
 * leaves the reader.
 *
 * Reading an attribute's value (WsReadStartAttribute … WsReadEndAttribute) is not a move: the
 * reader comes back to the element it was on. New input (WsSetInput, WsSetInputToBuffer) ends the
 * canonicalization: what it covered is gone.
 */
class ReaderCanonicalization implements ReaderNodeTap {
  /** The node the reader is on: canonicalized once the reader moves on from it. */
  private current: WS_XML_NODE;
  private inAttribute = false;

  constructor(
    readonly canonicalizer: Canonicalizer,
    private readonly source: NodeSource,
    current: WS_XML_NODE,
  ) {
    this.current = current;
  }

  moving(reader: XmlReaderObject, next: WS_XML_NODE): void {
    const source = reader.source;
    if (source !== this.source) {
      if (source instanceof AttributeSource && source.elementSource === this.source) {
        this.inAttribute = true;
        return;
      }
      reader.nodeTap = null;
      return;
    }
    if (this.inAttribute) {
      this.inAttribute = false;
      if (next === this.current) return; // WsReadEndAttribute: back on the element
    }
    this.canonicalize(this.current);
    this.current = next;
  }

  private canonicalize(node: WS_XML_NODE): void {
    const c = this.canonicalizer;
    switch (node.nodeType) {
      case WS_XML_NODE_TYPE_ELEMENT: {
        const element = node as unknown as WS_XML_ELEMENT_NODE;
        const attributes: CanonicalAttribute[] = [];
        const declarations: Binding[] = [];
        for (const a of element.attributes) {
          if (a.isXmlNs) declarations.push({ prefix: text(a.prefix), ns: text(a.ns) });
          else
            attributes.push({
              prefix: text(a.prefix),
              localName: text(a.localName),
              ns: text(a.ns),
              value: textUtf8(a.value, WHILE_READING),
            });
        }
        c.startElement(WHILE_READING, text(element.prefix), text(element.localName), text(element.ns), attributes, declarations);
        return;
      }
      case WS_XML_NODE_TYPE_END_ELEMENT:
        c.endElement(WHILE_READING);
        return;
      case WS_XML_NODE_TYPE_TEXT:
        c.text(WHILE_READING, textUtf8((node as unknown as WS_XML_TEXT_NODE).text, WHILE_READING));
        return;
      case WS_XML_NODE_TYPE_COMMENT:
        c.comment(WHILE_READING, (node as unknown as WS_XML_COMMENT_NODE).value.bytes);
        return;
      // BOF and EOF hold nothing; a CDATA section is canonicalized as the text nodes inside it.
    }
  }
}

const readerOf = (reader: WS_XML_READER) => reader as unknown as XmlReaderObject;

function invalidOperation(fn: string, what: string): WsError {
  return new WsError(WS_E_INVALID_OPERATION, `${fn}: ${what}`);
}

/**
 * WsStartReaderCanonicalization: "Move the Reader to the element where canonicalization begins.
 * Call WsStartReaderCanonicalization. Move the Reader forward to the end position. Call
 * WsEndReaderCanonicalization." "Calls to this function cannot be nested": a second start before
 * the end is WS_E_INVALID_OPERATION. The inclusive algorithms "can only be applied to entire xml
 * documents", so they need the reader at WS_XML_NODE_TYPE_BOF. The reader must not be inside an
 * attribute (WsReadStartAttribute): canonicalization follows the reader's nodes, not a value.
 */
export function WsStartReaderCanonicalization(
  reader: WS_XML_READER,
  writeCallback: WS_WRITE_CALLBACK,
  writeCallbackState: unknown,
  properties: readonly WS_XML_CANONICALIZATION_PROPERTY[] | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsStartReaderCanonicalization";
  const settings = canonicalizationSettings(fn, properties);
  const target = readerOf(reader);
  const source = target.input(fn);
  if (target.nodeTap !== null) {
    throw invalidOperation(
      fn,
      "canonicalization has already been started on this reader (calls cannot be nested); call WsEndReaderCanonicalization first.",
    );
  }
  if (source instanceof AttributeSource) throw invalidOperation(fn, "the reader is inside an attribute; call WsReadEndAttribute first.");
  const atStart = target.node.nodeType === WS_XML_NODE_TYPE_BOF;
  if (!settings.exclusive && !atStart) {
    throw invalidOperation(
      fn,
      "the inclusive canonicalization algorithms apply to entire documents only; the reader must be at the start of its input (WS_XML_NODE_TYPE_BOF).",
    );
  }
  const inScope = new Map<string, string>();
  for (const prefix of settings.inclusivePrefixes) {
    const ns = source.namespaces.lookup(prefix);
    if (ns !== undefined) inScope.set(prefix, text(ns));
  }
  const canonicalizer = new Canonicalizer(settings, new CanonicalOutput(writeCallback, writeCallbackState, settings.outputBufferSize), {
    startFunction: fn,
    endFunction: "WsEndReaderCanonicalization",
    documentLevel: atStart,
    afterDocumentElement: false,
    inScope,
  });
  target.nodeTap = new ReaderCanonicalization(canonicalizer, source, target.node);
  return S_OK;
}

/**
 * WsEndReaderCanonicalization: "must be called at the same depth at which
 * WsStartReaderCanonicalization" was — every element advanced into since the start has been
 * advanced out of again. Without a start it is WS_E_INVALID_OPERATION. A reader that failed since
 * the start (bad input, a failing write callback) cannot have canonicalized all it covered: the
 * canonicalization ends with that failure.
 */
export function WsEndReaderCanonicalization(reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsEndReaderCanonicalization";
  const target = readerOf(reader);
  const tap = target.nodeTap;
  if (!(tap instanceof ReaderCanonicalization)) {
    throw invalidOperation(fn, "canonicalization has not been started on this reader; call WsStartReaderCanonicalization first.");
  }
  const failure = target.failure;
  if (failure !== null) {
    target.nodeTap = null;
    throw new WsError(failure.hr, `${fn}: the reader failed while canonicalizing, so the canonical form is incomplete: ${failure.message}`);
  }
  if (target.inAttribute) throw invalidOperation(fn, "the reader is inside an attribute; call WsReadEndAttribute first.");
  const depth = tap.canonicalizer.depth;
  if (depth !== 0) {
    throw invalidOperation(
      fn,
      `the reader is inside ${depth} element(s) entered since WsStartReaderCanonicalization; read past their end elements first (it must be called at the same depth).`,
    );
  }
  target.nodeTap = null;
  tap.canonicalizer.finish(fn);
  return S_OK;
}
