import { WS_CHARSET_UTF8, WS_E_INVALID_OPERATION, type WS_XML_NODE } from "@wwsapi/core";
import { HandleBase, WsError } from "@wwsapi/core/internal";

import { AttributeSource } from "../reader-content/attribute-source.js";
import { BOF_NODE } from "../text-reader/xml-nodes.js";
import type { NodeSource } from "./node-source.js";
import { DEFAULT_READER_SETTINGS, type ReaderSettings } from "./reader-properties.js";

/**
 * Sees the reader move from its current node to `next` before it does (a throw stops the move):
 * how canonicalization (WsStartReaderCanonicalization) observes the nodes the reader advances over.
 */
export interface ReaderNodeTap {
  moving(reader: XmlReaderObject, next: WS_XML_NODE): void;
}

/**
 * WS_XML_READER. `settings` are the properties given to WsCreateReader; WsSetInput may override
 * them for one input (`active`). `node` is the current node; a reader that failed keeps its
 * failure and refuses to read on until WsSetInput gives it new input. Every change of `node`
 * passes `nodeTap` first, when one is set.
 */
export class XmlReaderObject extends HandleBase<"WS_XML_READER", "single"> {
  active: ReaderSettings;
  source: NodeSource | null = null;
  charset: number = WS_CHARSET_UTF8;
  failure: WsError | null = null;
  nodeTap: ReaderNodeTap | null = null;
  /**
   * The current node. Set it through `node`, which tells `nodeTap`; only WsReadNode and
   * WsGetReaderNode, the hot path of a reading loop, use this field directly (and WsReadNode only
   * when no tap is set), to save the accessor call per node.
   */
  currentNode: WS_XML_NODE = BOF_NODE;

  get node(): WS_XML_NODE {
    return this.currentNode;
  }

  set node(next: WS_XML_NODE) {
    this.nodeTap?.moving(this, next);
    this.currentNode = next;
  }

  constructor(readonly settings: ReaderSettings = { ...DEFAULT_READER_SETTINGS }) {
    super("WS_XML_READER", "single");
    this.active = settings;
  }

  /**
   * WS_XML_READER_PROPERTY_IN_ATTRIBUTE: "WsReadStartAttribute has been called and the reader is
   * positioned on attribute content". The attribute's value is then the reader's source (see
   * AttributeSource), so new input ends it.
   */
  get inAttribute(): boolean {
    return this.source instanceof AttributeSource;
  }

  /** The node source, or the reason there is none to read from. */
  input(functionName: string): NodeSource {
    if (this.failure !== null) {
      throw new WsError(
        this.failure.hr,
        `${functionName}: the reader failed earlier and needs new input (WsSetInput): ${this.failure.message}`,
      );
    }
    if (this.source === null) throw new WsError(WS_E_INVALID_OPERATION, `${functionName}: the reader has no input; call WsSetInput first.`);
    return this.source;
  }
}
