import { E_INVALIDARG, type WS_HEAP, type WS_XML_BUFFER, WS_XML_NODE_TYPE_ELEMENT } from "@wwsapi/core";
import { HandleBase, isHandle, markFreed, WsError } from "@wwsapi/core/internal";
import { BOF_NODE, EOF_NODE } from "../text-reader/xml-nodes.js";
import { BufferNode } from "./buffer-tree.js";

/**
 * WS_XML_BUFFER: an XML document held as nodes, in a WS_HEAP. It has no free function: "The
 * memory for this buffer is released when its heap is reset or freed" (WsCreateXmlBuffer). It
 * starts empty: BOF then EOF. Any number of readers may read it while writers insert into it.
 */
export class XmlBufferObject extends HandleBase<"WS_XML_BUFFER", "single"> {
  readonly bof: BufferNode;
  readonly eof: BufferNode;

  constructor(readonly heap: WS_HEAP) {
    super("WS_XML_BUFFER", "single");
    this.bof = new BufferNode(this, BOF_NODE);
    this.eof = new BufferNode(this, EOF_NODE);
    this.bof.append(this.eof);
  }

  /** Whether the document has an element at the top level (a root element). */
  get hasRootElement(): boolean {
    for (let node = this.bof.firstChild; node !== null; node = node.next) if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) return true;
    return false;
  }
}

/**
 * The buffer behind a handle, refusing one whose heap was freed (C would read freed memory): the
 * buffer is marked freed then, so that the flat API refuses it from then on. A reset heap cannot be
 * told apart from a live one; using a buffer after its heap was reset is undefined, as in C.
 */
export function bufferOf(fn: string, buffer: WS_XML_BUFFER): XmlBufferObject {
  const target = buffer as unknown as XmlBufferObject;
  if (!isHandle(target.heap, "WS_HEAP")) {
    markFreed(buffer);
    throw new WsError(E_INVALIDARG, `${fn}: the WS_XML_BUFFER was released with its WS_HEAP, which was freed.`);
  }
  return target;
}
