import {
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NamespaceLookup, NodeSource } from "../reader/node-source.js";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { XML_NAMESPACE } from "../text-reader/namespace-scope.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { isXmlAttribute } from "../text-reader/xml-attribute-stack.js";
import { EMPTY_XML_STRING, utf8Text } from "../text-reader/xml-nodes.js";
import { bytesEqual } from "../text-utils/xml-string.js";
import { type BufferNode, elementDepth, nextInDocument } from "./buffer-tree.js";
import { bufferOf, type XmlBufferObject } from "./xml-buffer-object.js";

const decoder = new TextDecoder();

/**
 * What a reader set to a WS_XML_BUFFER reads (WsSetInputToBuffer): the buffer's nodes in document
 * order, from BOF to EOF, where it stays. The reader does not change the buffer, and several may
 * read one buffer at once; each keeps its own `current` node, which positions and moves set.
 *
 * The reader's MAX_DEPTH and MAX_ATTRIBUTES quotas hold for the nodes it arrives at, as for text.
 * A node taken out of the buffer by WsRemoveNode cannot be read on from: the reader must be
 * repositioned ("The WS_XML_READER or WS_XML_WRITER must be repositioned before using further").
 */
export class BufferNodeSource implements NodeSource {
  current: BufferNode;
  readonly namespaces: NamespaceLookup;

  constructor(
    readonly buffer: XmlBufferObject,
    private readonly settings: ReaderSettings,
  ) {
    this.current = buffer.bof;
    this.namespaces = new BufferNamespaces(this);
  }

  start(): WS_XML_NODE {
    this.current = this.buffer.bof;
    return this.current.node;
  }

  next(): WS_XML_NODE {
    const current = this.attachedCurrent("the reader");
    const next = nextInDocument(current);
    if (next === null) return current.node; // EOF stays EOF
    this.arrive(next);
    return next.node;
  }

  /**
   * XmlAttributeScope: xml:`localName` on the current element or the nearest element around the
   * current node that has it. An end element is its element's last child; there the element has
   * ended, as on text input.
   */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    const current = this.attachedCurrent("the reader");
    let at: BufferNode | null = current.nodeType === WS_XML_NODE_TYPE_END_ELEMENT ? (current.parent?.parent ?? null) : current;
    for (; at !== null; at = at.parent) {
      if (at.nodeType !== WS_XML_NODE_TYPE_ELEMENT) continue;
      for (const a of (at.node as unknown as WS_XML_ELEMENT_NODE).attributes) {
        if (isXmlAttribute(a) && bytesEqual(a.localName!.bytes, localName)) return a.value ?? utf8Text(EMPTY_XML_STRING);
      }
    }
    return undefined;
  }

  /** Where the next unread input is: a buffer has no lines, so line 1, column 1. */
  lineColumn(): LineColumn {
    return { line: 1, column: 1 };
  }

  /** Makes `node` the current node after checking the reader's quotas for it. */
  arrive(node: BufferNode): void {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
      const depth = elementDepth(node);
      if (depth > this.settings.maxDepth) {
        throw new WsError(
          WS_E_QUOTA_EXCEEDED,
          `XML reader: the element nesting goes deeper than ${this.settings.maxDepth} (WS_XML_READER_PROPERTY_MAX_DEPTH) in the WS_XML_BUFFER.`,
        );
      }
      const count = (node.node as unknown as WS_XML_ELEMENT_NODE).attributes.length;
      if (count > this.settings.maxAttributes) {
        throw new WsError(
          WS_E_QUOTA_EXCEEDED,
          `XML reader: an element of the WS_XML_BUFFER has ${count} attributes, more than ${this.settings.maxAttributes} (WS_XML_READER_PROPERTY_MAX_ATTRIBUTES).`,
        );
      }
    }
    this.current = node;
  }

  /** The current node, unless it was removed from the buffer or the buffer released. */
  attachedCurrent(who: string): BufferNode {
    bufferOf("XML reader", this.buffer as unknown as WS_XML_BUFFER);
    if (!this.current.attached) {
      throw new WsError(
        WS_E_INVALID_OPERATION,
        `XML reader: ${who}'s current node was removed from the WS_XML_BUFFER (WsRemoveNode); reposition it with WsSetReaderPosition or WsMoveReader.`,
      );
    }
    return this.current;
  }
}

/**
 * The namespaces in scope at the reader's node: the xmlns attributes of the elements around it,
 * innermost first. A buffer keeps every declaration as an attribute (the writer puts them there).
 */
class BufferNamespaces implements NamespaceLookup {
  constructor(private readonly source: BufferNodeSource) {}

  lookup(prefix: string): WS_XML_STRING | undefined {
    for (let at: BufferNode | null = this.source.current; at !== null; at = at.parent) {
      if (at.nodeType !== WS_XML_NODE_TYPE_ELEMENT) continue;
      for (const a of (at.node as unknown as WS_XML_ELEMENT_NODE).attributes) {
        if (a.isXmlNs && decoder.decode((a.prefix ?? EMPTY_XML_STRING).bytes) === prefix) return a.ns ?? EMPTY_XML_STRING;
      }
    }
    if (prefix === "xml") return XML_NAMESPACE;
    if (prefix === "") return EMPTY_XML_STRING;
    return undefined;
  }

  prefixOf(ns: Uint8Array): string | undefined {
    for (let at: BufferNode | null = this.source.current; at !== null; at = at.parent) {
      if (at.nodeType !== WS_XML_NODE_TYPE_ELEMENT) continue;
      for (const a of (at.node as unknown as WS_XML_ELEMENT_NODE).attributes) {
        if (!a.isXmlNs || a.ns === null || !bytesEqual(a.ns.bytes, ns)) continue;
        const prefix = decoder.decode((a.prefix ?? EMPTY_XML_STRING).bytes);
        // Only a binding still in effect here: an inner declaration may rebind the prefix.
        const bound = this.lookup(prefix);
        if (bound !== undefined && bytesEqual(bound.bytes, ns)) return prefix;
      }
    }
    return undefined;
  }
}
