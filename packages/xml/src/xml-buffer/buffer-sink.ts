import {
  WS_E_INVALID_OPERATION,
  type WS_XML_ATTRIBUTE,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_TEXT_NODE,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { chargeHeap, WsError } from "@wwsapi/core/internal";
import {
  CDATA_NODE,
  commentNode,
  EMPTY_XML_STRING,
  END_CDATA_NODE,
  END_ELEMENT_NODE,
  elementNode,
  textNode,
  utf8Text,
  xmlString,
} from "../text-reader/xml-nodes.js";
import type { NodeSink, OpenElementState, SinkAttribute, SinkDeclaration } from "../writer/node-sink.js";
import type { TextWriter } from "../writer/text-writer.js";
import { CDATA_COST, commentCost, elementCost, textCost } from "./buffer-memory.js";
import { BufferNode } from "./buffer-tree.js";
import { bufferOf, type XmlBufferObject } from "./xml-buffer-object.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The node sink of a writer set to a WS_XML_BUFFER (WsSetOutputToBuffer). It inserts what the
 * writer commits before `before`, "the xml node before which new data will be placed"
 * (WsSetWriterPosition): a start tag becomes an element with its end element, and the writer goes
 * on inside it, before that end element; the end of an element moves past it. Namespace
 * declarations are kept as the element's xmlns attributes, after its other attributes, in the
 * order the text output writes them, so that the buffer serialises to the same bytes.
 *
 * Text written right after text joins it, as one node, the way a reader of the same XML sees it.
 * Every node is charged to the buffer's heap before it is inserted: a quota failure changes
 * nothing.
 */
export class BufferSink implements NodeSink {
  before: BufferNode;
  /** The text node that the last write made or extended, and its bytes, to extend it in place. */
  private growing: { node: BufferNode; text: TextBuilder } | null = null;

  constructor(readonly buffer: XmlBufferObject) {
    this.before = buffer.eof;
  }

  startElement(
    fn: string,
    prefix: string,
    localName: string,
    ns: string,
    attributes: readonly SinkAttribute[],
    declarations: readonly SinkDeclaration[],
  ): void {
    const place = this.place(fn);
    const names = [encoder.encode(prefix), encoder.encode(localName), encoder.encode(ns)];
    const attributeStrings = attributes.map((a) => [encoder.encode(a.prefix), encoder.encode(a.localName), encoder.encode(a.ns), a.value]);
    const declarationStrings = declarations.map((d) => [encoder.encode(d.prefix), encoder.encode(d.ns)]);
    chargeHeap(fn, this.buffer.heap, elementCost(names, [...attributeStrings, ...declarationStrings]), `the element <${localName}>`);
    const list: WS_XML_ATTRIBUTE[] = [];
    attributes.forEach((a, i) => {
      const [p, l, n, value] = attributeStrings[i]!;
      list.push({
        singleQuote: a.singleQuote ? 1 : 0,
        isXmlNs: 0,
        prefix: xmlString(p!),
        localName: xmlString(l!),
        ns: xmlString(n!),
        value: utf8Text(xmlString(value!.slice())),
      });
    });
    declarations.forEach((d, i) => {
      const [p, n] = declarationStrings[i]!;
      list.push({ singleQuote: d.singleQuote ? 1 : 0, isXmlNs: 1, prefix: xmlString(p!), localName: null, ns: xmlString(n!), value: null });
    });
    const element = new BufferNode(this.buffer, elementNode(xmlString(names[0]!), xmlString(names[1]!), xmlString(names[2]!), list, false));
    const end = new BufferNode(this.buffer, END_ELEMENT_NODE);
    element.append(end);
    place.insertBefore(element);
    this.before = end;
  }

  endElement(fn: string): void {
    const element = this.place(fn).parent!;
    if (element.nodeType !== WS_XML_NODE_TYPE_ELEMENT)
      throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the writer is not inside an element.`);
    // Whatever follows the position inside the element stays in it: the element ends where it ends.
    this.before = element.next!;
  }

  text(fn: string, utf8: Uint8Array): void {
    if (utf8.length === 0) return;
    const place = this.place(fn);
    const previous = place.prev;
    if (previous !== null && previous.nodeType === WS_XML_NODE_TYPE_TEXT) {
      chargeHeap(fn, this.buffer.heap, utf8.length, "text");
      let growing = this.growing;
      if (growing === null || growing.node !== previous) {
        const value = ((previous.node as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_UTF8_TEXT).value.bytes;
        growing = { node: previous, text: new TextBuilder(value) };
        this.growing = growing;
      }
      growing.text.append(utf8);
      previous.node = textNode(xmlString(growing.text.view()));
      return;
    }
    chargeHeap(fn, this.buffer.heap, textCost(utf8), "text");
    place.insertBefore(new BufferNode(this.buffer, textNode(xmlString(utf8.slice()))));
  }

  comment(fn: string, utf8: Uint8Array): void {
    const place = this.place(fn);
    chargeHeap(fn, this.buffer.heap, commentCost(utf8), "a comment");
    place.insertBefore(new BufferNode(this.buffer, commentNode(xmlString(utf8.slice()))));
  }

  startCData(fn: string): void {
    const place = this.place(fn);
    chargeHeap(fn, this.buffer.heap, CDATA_COST, "a CDATA section");
    const section = new BufferNode(this.buffer, CDATA_NODE);
    const end = new BufferNode(this.buffer, END_CDATA_NODE);
    section.append(end);
    place.insertBefore(section);
    this.before = end;
  }

  endCData(fn: string): void {
    const section = this.place(fn).parent!;
    if (section.nodeType !== WS_XML_NODE_TYPE_CDATA)
      throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the writer is not in a CDATA section.`);
    this.before = section.next!;
  }

  /** The insertion point, refusing one that WsRemoveNode took out of the buffer. */
  private place(fn: string): BufferNode {
    bufferOf(fn, this.buffer as unknown as WS_XML_BUFFER);
    if (!this.before.attached) {
      throw new WsError(
        WS_E_INVALID_OPERATION,
        `${fn}: the writer's position was removed from the WS_XML_BUFFER (WsRemoveNode); set a new one with WsSetWriterPosition or WsMoveWriter.`,
      );
    }
    return this.before;
  }
}

/** Growing text bytes: appends in amortised O(1); views of earlier lengths keep their content. */
class TextBuilder {
  private bytes: Uint8Array;
  private length: number;

  constructor(initial: Uint8Array) {
    this.bytes = new Uint8Array(Math.max(64, initial.length * 2));
    this.bytes.set(initial);
    this.length = initial.length;
  }

  append(more: Uint8Array): void {
    const needed = this.length + more.length;
    if (needed > this.bytes.length) {
      // A new array: views handed out before keep the old one, whose first bytes never change.
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(more, this.length);
    this.length = needed;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/**
 * Points the sink at `before` and brings the writer's state there: the elements around the
 * position with their namespace declarations, whether it is in a CDATA section, and whether the
 * document already has a root element (a second one needs WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT).
 */
export function resumeAt(fn: string, document: TextWriter, sink: BufferSink, before: BufferNode): void {
  const open: OpenElementState[] = [];
  let inCData = false;
  for (let at = before.parent; at !== null && at !== sink.buffer.bof; at = at.parent) {
    if (at.nodeType === WS_XML_NODE_TYPE_CDATA) {
      inCData = true;
      continue;
    }
    const element = at.node as unknown as WS_XML_ELEMENT_NODE;
    const declarations = element.attributes
      .filter((a) => a.isXmlNs)
      .map((a) => ({ prefix: decoder.decode((a.prefix ?? EMPTY_XML_STRING).bytes), ns: decoder.decode(a.ns!.bytes) }));
    open.unshift({
      prefix: decoder.decode((element.prefix ?? EMPTY_XML_STRING).bytes),
      localName: decoder.decode(element.localName!.bytes),
      ns: decoder.decode(element.ns!.bytes),
      declarations,
    });
  }
  // The writer finishes what it holds back at the old position before it moves.
  document.resume(fn, open, inCData, sink.buffer.hasRootElement);
  sink.before = before;
}
