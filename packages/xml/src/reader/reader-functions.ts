import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  type WS_XML_READER_ENCODING,
  type WS_XML_READER_INPUT,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_COLUMN,
  type WS_XML_READER_PROPERTY_ID,
  WS_XML_READER_PROPERTY_IN_ATTRIBUTE,
  WS_XML_READER_PROPERTY_ROW,
  type WS_XML_STRING,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { markFreed, WsError } from "@wwsapi/core/internal";
import { BOF_NODE } from "../text-reader/xml-nodes.js";
import { bytesEqual } from "../text-utils/xml-string.js";
import { openInput } from "./open-input.js";
import { applyReaderProperties, DEFAULT_READER_SETTINGS, settingValue } from "./reader-properties.js";
import { XmlReaderObject } from "./xml-reader-object.js";

/** WS_XML_READER's functions over text input in a buffer. The flat API has checked argument types. */

const readerOf = (reader: WS_XML_READER) => reader as unknown as XmlReaderObject;

export function WsCreateReader(
  properties: readonly WS_XML_READER_PROPERTY[] | null,
  reader: Ref<WS_XML_READER | null>,
  _error: WS_ERROR | null,
): HRESULT {
  reader.value = new XmlReaderObject(
    applyReaderProperties("WsCreateReader", DEFAULT_READER_SETTINGS, properties),
  ) as unknown as WS_XML_READER;
  return S_OK;
}

export function WsFreeReader(reader: WS_XML_READER): void {
  const target = readerOf(reader);
  target.source = null;
  markFreed(reader);
}

export function WsSetInput(
  reader: WS_XML_READER,
  encoding: WS_XML_READER_ENCODING | null,
  input: WS_XML_READER_INPUT | null,
  properties: readonly WS_XML_READER_PROPERTY[] | null,
  _error: WS_ERROR | null,
): HRESULT {
  const target = readerOf(reader);
  // No properties: the reader's own settings as they are (nothing changes a settings object once made).
  const settings =
    properties === null || properties.length === 0 ? target.settings : applyReaderProperties("WsSetInput", target.settings, properties);
  const { source, charset } = openInput(encoding, input, settings);
  target.active = settings;
  target.charset = charset;
  target.failure = null;
  target.source = source;
  target.node = BOF_NODE;
  try {
    target.node = source.start();
  } catch (thrown) {
    throw failed(target, "WsSetInput", thrown);
  }
  return S_OK;
}

/** A failure sticks to the reader (see XmlReaderObject) and names the function that met it. */
function failed(target: XmlReaderObject, functionName: string, thrown: unknown): unknown {
  if (!(thrown instanceof WsError)) return thrown;
  target.failure = thrown as WsError;
  return new WsError((thrown as WsError).hr, `${functionName}: ${(thrown as WsError).message}`);
}

function advance(target: XmlReaderObject, functionName: string): WS_XML_NODE {
  const source = target.input(functionName);
  let next: WS_XML_NODE;
  try {
    next = source.next();
    target.node = next;
  } catch (thrown) {
    throw failed(target, functionName, thrown);
  }
  return next;
}

/** The hot path of a reader loop: advance() without reading the node back. */
export function WsReadNode(reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  const source = target.failure === null ? target.source : null;
  if (source === null) return WsReadNodeChecked(target);
  try {
    const next = source.next();
    if (target.nodeTap === null) target.currentNode = next;
    else target.node = next;
  } catch (thrown) {
    throw failed(target, "WsReadNode", thrown);
  }
  return S_OK;
}

function WsReadNodeChecked(target: XmlReaderObject): HRESULT {
  advance(target, "WsReadNode");
  return S_OK;
}

export function WsGetReaderNode(xmlReader: WS_XML_READER, node: Ref<WS_XML_NODE | null>, _error: WS_ERROR | null): HRESULT {
  node.value = readerOf(xmlReader).currentNode;
  return S_OK;
}

export function WsGetReaderProperty(
  reader: WS_XML_READER,
  id: WS_XML_READER_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const target = readerOf(reader);
  switch (id) {
    case WS_XML_READER_PROPERTY_CHARSET:
      value.value = target.charset;
      return S_OK;
    case WS_XML_READER_PROPERTY_ROW:
    case WS_XML_READER_PROPERTY_COLUMN: {
      const position = target.source === null ? { line: 1, column: 1 } : target.source.lineColumn();
      value.value = BigInt(id === WS_XML_READER_PROPERTY_ROW ? position.line : position.column);
      return S_OK;
    }
    case WS_XML_READER_PROPERTY_IN_ATTRIBUTE:
      value.value = target.inAttribute;
      return S_OK;
  }
  const setting = settingValue(target.active, id);
  if (setting === undefined) throw new WsError(E_INVALIDARG, `WsGetReaderProperty: ${id} is not a WS_XML_READER_PROPERTY_ID.`);
  value.value = setting;
  return S_OK;
}

// --- moving through elements ------------------------------------------------------------

function isWhitespaceText(node: WS_XML_NODE): boolean {
  if (node.nodeType !== WS_XML_NODE_TYPE_TEXT) return false;
  const text = (node as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_UTF8_TEXT;
  // Only UTF-8 text can be white space: a typed text (binary input's int, bool ...) never is.
  if (text.textType !== WS_XML_TEXT_TYPE_UTF8) return false;
  for (const b of text.value.bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/** Skips white space text and comments (and BOF); returns the first other node. */
function skipInsignificant(target: XmlReaderObject, functionName: string): WS_XML_NODE {
  let node = target.node;
  while (node.nodeType === WS_XML_NODE_TYPE_BOF || node.nodeType === WS_XML_NODE_TYPE_COMMENT || isWhitespaceText(node))
    node = advance(target, functionName);
  return node;
}

function describe(node: WS_XML_NODE): string {
  return (
    [
      "",
      "an element",
      "text",
      "an end element",
      "a comment",
      "",
      "a CDATA section",
      "the end of a CDATA section",
      "the end of the input",
      "the start of the input",
    ][node.nodeType] ?? "a node"
  );
}

function nameMatches(actual: WS_XML_STRING | null, expected: WS_XML_STRING | null): boolean {
  return expected === null || (actual !== null && bytesEqual(actual.bytes, expected.bytes));
}

export function WsReadToStartElement(
  reader: WS_XML_READER,
  localName: WS_XML_STRING | null,
  ns: WS_XML_STRING | null,
  found: Ref<boolean> | null,
  _error: WS_ERROR | null,
): HRESULT {
  const target = readerOf(reader);
  const node = skipInsignificant(target, "WsReadToStartElement");
  const element = node as unknown as WS_XML_ELEMENT_NODE;
  const isMatch = node.nodeType === WS_XML_NODE_TYPE_ELEMENT && nameMatches(element.localName, localName) && nameMatches(element.ns, ns);
  if (found !== null) found.value = isMatch;
  else if (!isMatch) {
    const wanted = localName === null ? "an element" : `the element "${new TextDecoder().decode(localName.bytes)}"`;
    throw new WsError(WS_E_INVALID_FORMAT, `WsReadToStartElement: ${wanted} was expected, but the reader is on ${describe(node)}.`);
  }
  return S_OK;
}

export function WsReadStartElement(reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  const node = skipInsignificant(target, "WsReadStartElement");
  if (node.nodeType !== WS_XML_NODE_TYPE_ELEMENT)
    throw new WsError(WS_E_INVALID_FORMAT, `WsReadStartElement: an element was expected, but the reader is on ${describe(node)}.`);
  advance(target, "WsReadStartElement");
  return S_OK;
}

export function WsReadEndElement(reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  const node = skipInsignificant(target, "WsReadEndElement");
  if (node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT)
    throw new WsError(WS_E_INVALID_FORMAT, `WsReadEndElement: an end element was expected, but the reader is on ${describe(node)}.`);
  advance(target, "WsReadEndElement");
  return S_OK;
}

/** On an element: past its end element. On BOF: to EOF. Otherwise: to the next node. */
export function WsSkipNode(reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  const start = target.node.nodeType;
  if (start === WS_XML_NODE_TYPE_EOF) return S_OK;
  if (start === WS_XML_NODE_TYPE_ELEMENT || start === WS_XML_NODE_TYPE_BOF) {
    let depth = start === WS_XML_NODE_TYPE_ELEMENT ? 1 : Number.POSITIVE_INFINITY;
    while (depth > 0) {
      const node = advance(target, "WsSkipNode");
      if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) depth++;
      else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) depth--;
      else if (node.nodeType === WS_XML_NODE_TYPE_EOF) return S_OK;
    }
  }
  advance(target, "WsSkipNode");
  return S_OK;
}
