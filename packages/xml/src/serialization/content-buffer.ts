import type { WS_XML_BUFFER } from "@wwsapi/core";
import { WS_XML_NODE_TYPE_END_ELEMENT, WS_XML_NODE_TYPE_EOF } from "@wwsapi/core";
import { DEFAULT_WRITER_SETTINGS, type WriterSettings } from "../writer/writer-properties.js";
import { XmlWriterObject } from "../writer/xml-writer-object.js";
import { setWriterToBuffer } from "../xml-buffer/buffer-endpoints.js";
import { newBuffer } from "../xml-buffer/buffer-functions.js";
import { copyCurrent } from "../xml-buffer/node-copy.js";
import { charge, type ReadContext } from "./read-context.js";

const ULONG_MAX = 0xffffffff;
/**
 * The writer that fills a buffer with what a reader has accepted: the reader's quotas bounded the
 * input and the caller's heap bounds the buffer, so the writer adds no limit of its own, and
 * content that is not one element (text, several elements) is a fragment it must take.
 */
const COPY_SETTINGS: Readonly<WriterSettings> = Object.freeze({
  ...DEFAULT_WRITER_SETTINGS,
  allowFragment: true,
  maxDepth: ULONG_MAX,
  maxAttributes: ULONG_MAX,
  maxNamespaces: ULONG_MAX,
});

/**
 * The rest of the content where the reader is (text, elements, comments), up to the end element
 * that closes it or the end of the input, as a new WS_XML_BUFFER on the caller's heap (the nodes
 * are copied as WsCopyNode copies them). The reader is left on that end element (or EOF): the
 * caller reads it, as for any content (WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_ANY_CONTENT_FIELD_MAPPING).
 */
export function readContentBuffer(ctx: ReadContext, what: string): WS_XML_BUFFER {
  if (ctx.heap === null) charge(ctx, 1, what); // refuses: the buffer lives on the heap
  const buffer = newBuffer(ctx.fn, ctx.heap!);
  const writer = new XmlWriterObject(COPY_SETTINGS);
  setWriterToBuffer(ctx.fn, writer, buffer, COPY_SETTINGS);
  for (;;) {
    const type = ctx.target.node.nodeType;
    if (type === WS_XML_NODE_TYPE_END_ELEMENT || type === WS_XML_NODE_TYPE_EOF) break;
    copyCurrent(ctx.fn, ctx.target, writer);
  }
  return buffer as unknown as WS_XML_BUFFER;
}
