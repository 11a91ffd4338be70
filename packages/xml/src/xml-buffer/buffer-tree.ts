import {
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
} from "@wwsapi/core";

/**
 * One node of a WS_XML_BUFFER, linked into the buffer's tree. The tree is the one WWSAPI's moves
 * describe (WS_MOVE_TO; the Wine conformance tests show it on Windows): the BOF node is the root,
 * its children are the top-level nodes and, last, the EOF node; an element's children are its
 * content and, last, its end element ("End element is considered the last child of its
 * corresponding start element"). A CDATA section is kept the same way: its text, then its
 * END_CDATA node, so that a section moves and is removed as a whole.
 *
 * Siblings are doubly linked so that every move, insertion and removal is O(1). A removed node
 * keeps its links but is marked `removed`; it and everything below it are then detached.
 * `node` is what readers hand out; it is replaced, never mutated, when text grows.
 */
export class BufferNode {
  parent: BufferNode | null = null;
  prev: BufferNode | null = null;
  next: BufferNode | null = null;
  firstChild: BufferNode | null = null;
  lastChild: BufferNode | null = null;
  removed = false;

  constructor(
    /** The WS_XML_BUFFER this node belongs to (positions name it). */
    readonly owner: object,
    public node: WS_XML_NODE,
  ) {}

  get nodeType(): number {
    return this.node.nodeType;
  }

  /** Appends `child` as the last child. */
  append(child: BufferNode): void {
    child.parent = this;
    child.prev = this.lastChild;
    child.next = null;
    if (this.lastChild === null) this.firstChild = child;
    else this.lastChild.next = child;
    this.lastChild = child;
  }

  /** Inserts `node` as the sibling before this one. */
  insertBefore(node: BufferNode): void {
    const parent = this.parent!;
    node.parent = parent;
    node.prev = this.prev;
    node.next = this;
    if (this.prev === null) parent.firstChild = node;
    else this.prev.next = node;
    this.prev = node;
  }

  /** Unlinks this node (and so its subtree) from the tree and marks it removed. */
  unlink(): void {
    const parent = this.parent!;
    if (this.prev === null) parent.firstChild = this.next;
    else this.prev.next = this.next;
    if (this.next === null) parent.lastChild = this.prev;
    else this.next.prev = this.prev;
    this.removed = true;
  }

  /** Whether the node is still in the tree: neither it nor an ancestor was removed. O(depth). */
  get attached(): boolean {
    for (let node: BufferNode | null = this; node !== null; node = node.parent) if (node.removed) return false;
    return true;
  }
}

export const isElement = (node: BufferNode | null): boolean => node !== null && node.nodeType === WS_XML_NODE_TYPE_ELEMENT;

/** Nodes that hold others: the document (BOF), elements and CDATA sections. */
export const isContainer = (node: BufferNode): boolean => {
  const type = node.nodeType;
  return type === WS_XML_NODE_TYPE_ELEMENT || type === WS_XML_NODE_TYPE_BOF || type === WS_XML_NODE_TYPE_CDATA;
};

/** The nodes that only close or bound something, and cannot be removed or written before alone. */
export const isStructural = (node: BufferNode): boolean => {
  const type = node.nodeType;
  return (
    type === WS_XML_NODE_TYPE_BOF ||
    type === WS_XML_NODE_TYPE_EOF ||
    type === WS_XML_NODE_TYPE_END_ELEMENT ||
    type === WS_XML_NODE_TYPE_END_CDATA
  );
};

/** The node after `node` in document order, or null after EOF. */
export function nextInDocument(node: BufferNode): BufferNode | null {
  if (node.firstChild !== null) return node.firstChild;
  for (let at: BufferNode | null = node; at !== null; at = at.parent) if (at.next !== null) return at.next;
  return null;
}

/** The number of elements from the root down to `node`, itself included when it is one. */
export function elementDepth(node: BufferNode): number {
  let depth = 0;
  for (let at: BufferNode | null = node; at !== null; at = at.parent) if (at.nodeType === WS_XML_NODE_TYPE_ELEMENT) depth++;
  return depth;
}
