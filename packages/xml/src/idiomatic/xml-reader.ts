import {
  ref,
  WS_CHARSET_AUTO,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_READER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  WS_XML_READER_PROPERTY_MAX_NAMESPACES,
} from "@wwsapi/core";
import { beginPromiseCall, throwOnFailure } from "@wwsapi/core/internal";
import { WsCreateReader, WsFreeReader, WsGetReaderNode, WsReadNode, WsSetInput } from "../gen/api.js";

export interface XmlReaderOptions {
  maxDepth?: number;
  maxAttributes?: number;
  maxNamespaces?: number;
  allowFragment?: boolean;
}

const encoder = new TextEncoder();

/**
 * WS_XML_READER, idiomatically: `for (const node of XmlReader.fromText("<a/>")) ...`. Errors are
 * thrown as WsError; `handle` is the flat API's reader, so both layers share one reader.
 */
export class XmlReader implements Disposable, Iterable<WS_XML_NODE> {
  private readonly current = ref<WS_XML_NODE | null>(null);

  private constructor(readonly handle: WS_XML_READER) {}

  static create(options: XmlReaderOptions = {}): XmlReader {
    const reader = ref<WS_XML_READER | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateReader(readerProperties(options), reader));
    return new XmlReader(reader.value!);
  }

  /** A reader on `xml` (text; a string is read as UTF-8, bytes by their BOM or declaration). */
  static fromText(xml: string | Uint8Array, options: XmlReaderOptions = {}): XmlReader {
    return XmlReader.create(options).setInput(xml);
  }

  setInput(xml: string | Uint8Array): this {
    const bytes = typeof xml === "string" ? encoder.encode(xml) : xml;
    beginPromiseCall();
    throwOnFailure(
      WsSetInput(
        this.handle,
        { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never,
        { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never,
        null,
      ),
    );
    return this;
  }

  /** The current node. */
  get node(): WS_XML_NODE {
    beginPromiseCall();
    throwOnFailure(WsGetReaderNode(this.handle, this.current));
    return this.current.value!;
  }

  /** Moves to the next node and returns it. */
  read(): WS_XML_NODE {
    beginPromiseCall();
    throwOnFailure(WsReadNode(this.handle));
    return this.node;
  }

  /** The nodes after the current one, up to and without EOF. */
  *[Symbol.iterator](): Iterator<WS_XML_NODE> {
    for (let node = this.read(); node.nodeType !== WS_XML_NODE_TYPE_EOF; node = this.read()) yield node;
  }

  [Symbol.dispose](): void {
    if (!this.handle.freed) WsFreeReader(this.handle);
  }
}

function readerProperties(options: XmlReaderOptions): WS_XML_READER_PROPERTY[] {
  const properties: WS_XML_READER_PROPERTY[] = [];
  if (options.maxDepth !== undefined) properties.push({ id: WS_XML_READER_PROPERTY_MAX_DEPTH, value: options.maxDepth });
  if (options.maxAttributes !== undefined) properties.push({ id: WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, value: options.maxAttributes });
  if (options.maxNamespaces !== undefined) properties.push({ id: WS_XML_READER_PROPERTY_MAX_NAMESPACES, value: options.maxNamespaces });
  if (options.allowFragment !== undefined) properties.push({ id: WS_XML_READER_PROPERTY_ALLOW_FRAGMENT, value: options.allowFragment });
  return properties;
}
