import {
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_FALSE,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_HEAP,
  type WS_XML_ATTRIBUTE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_TEXT,
} from "@wwsapi/core";
import { chargeHeap, stringBytes, WsError } from "@wwsapi/core/internal";
import type { NodeSource } from "../reader/node-source.js";
import { XML_NAMESPACE } from "../text-reader/namespace-scope.js";
import { EMPTY_XML_STRING, utf8Text } from "../text-reader/xml-nodes.js";
import { bytesEqual, decodeUtf8, xmlStringEquals } from "../text-utils/xml-string.js";
import { AttributeSource } from "./attribute-source.js";
import { quoted } from "./lexical.js";
import { textUtf8 } from "./node-text.js";
import { checkXmlString, describeNode, readerOf } from "./reader-cursor.js";

/** WsFindAttribute's index when it finds nothing (Windows, in Wine's conformance tests: ~0). */
const NOT_FOUND = 0xffff_ffff;

const attributesOf = (node: WS_XML_NODE) => (node as unknown as WS_XML_ELEMENT_NODE).attributes as readonly WS_XML_ATTRIBUTE[];

/**
 * WsReadStartAttribute: "Moves the Reader to the specified attribute so that the content may be
 * read using WsReadValue, WsReadChars, or WsReadBytes. If the reader is not positioned on a start
 * element then it returns a WS_E_INVALID_FORMAT exception." The reader is then on a text node
 * holding the attribute's value (a namespace declaration's value is the empty text Windows gives
 * it), and "The WsReadNode function returns EOF when advanced within an attribute" (see
 * AttributeSource). An index past the element's attributes is E_INVALIDARG.
 */
export function WsReadStartAttribute(reader: WS_XML_READER, attributeIndex: number, _error: WS_ERROR | null): HRESULT {
  const fn = "WsReadStartAttribute";
  const target = readerOf(reader);
  const source = target.input(fn);
  const element = target.node;
  if (element.nodeType !== WS_XML_NODE_TYPE_ELEMENT) {
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the reader is on ${describeNode(element)}, not on an element.`);
  }
  const attributes = attributesOf(element);
  const attribute = attributes[attributeIndex];
  if (attribute === undefined) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: parameter 'attributeIndex' is ${attributeIndex}, but the element has ${attributes.length} attribute${attributes.length === 1 ? "" : "s"}.`,
    );
  }
  const attributeSource = new AttributeSource(element, source, attribute.value ?? utf8Text(EMPTY_XML_STRING));
  target.source = attributeSource;
  target.node = attributeSource.valueNode;
  return S_OK;
}

/**
 * WsReadEndAttribute: "Moves the reader back to the element node containing the attribute that
 * was read … WsReadStartAttribute must have been called in order to use this API." Without it,
 * WS_E_INVALID_FORMAT, the only failure the function documents.
 */
export function WsReadEndAttribute(reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsReadEndAttribute";
  const target = readerOf(reader);
  const source = target.input(fn);
  if (!(source instanceof AttributeSource)) {
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the reader is not in an attribute (WsReadStartAttribute has not been called).`);
  }
  target.source = source.elementSource;
  target.node = source.element;
  return S_OK;
}

/**
 * WsFindAttribute: the index of the current element's attribute with this local name and
 * namespace. "If required is TRUE and the attribute is not found, the function will return
 * WS_E_INVALID_FORMAT … if required is FALSE and the attribute is not found, the function will
 * return S_FALSE" (with the index set to 0xFFFFFFFF, as Windows does in Wine's conformance tests);
 * "If the reader is not positioned on a start element then it will return WS_E_INVALID_OPERATION."
 * Namespace declarations are not attributes here: they are found with WsGetNamespaceFromPrefix.
 */
export function WsFindAttribute(
  reader: WS_XML_READER,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING,
  required: boolean,
  attributeIndex: Ref<number>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsFindAttribute";
  checkXmlString(fn, "localName", localName);
  checkXmlString(fn, "ns", ns);
  const target = readerOf(reader);
  target.input(fn);
  const element = target.node;
  if (element.nodeType !== WS_XML_NODE_TYPE_ELEMENT) {
    throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the reader is on ${describeNode(element)}, not on an element.`);
  }
  const attributes = attributesOf(element);
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    if (!a.isXmlNs && xmlStringEquals(a.localName!, localName) && xmlStringEquals(a.ns!, ns)) {
      attributeIndex.value = i;
      return S_OK;
    }
  }
  if (required) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: the element has no attribute ${quoted(decodeUtf8(localName.bytes))} in the namespace ${quoted(decodeUtf8(ns.bytes))}.`,
    );
  }
  attributeIndex.value = NOT_FOUND;
  return S_FALSE;
}

export type { XmlAttributeScope } from "../reader/node-source.js";

function ownXmlAttribute(element: WS_XML_NODE, localName: WS_XML_STRING): WS_XML_TEXT | undefined {
  for (const a of attributesOf(element)) {
    if (!a.isXmlNs && bytesEqual(a.ns!.bytes, XML_NAMESPACE.bytes) && xmlStringEquals(a.localName!, localName)) {
      return a.value ?? utf8Text(EMPTY_XML_STRING);
    }
  }
  return undefined;
}

/**
 * The xml: attribute in scope (XmlAttributeScope, which the text, binary, stream and XML buffer
 * sources keep), undefined when there is none, or null when it cannot be told: a source that does
 * not keep the enclosing elements' xml: attributes can only tell the current element's.
 */
function xmlAttributeInScope(element: WS_XML_NODE | null, source: NodeSource, localName: WS_XML_STRING): WS_XML_TEXT | undefined | null {
  if (source.xmlAttribute !== undefined) return source.xmlAttribute(localName.bytes);
  if (element !== null) {
    const own = ownXmlAttribute(element, localName);
    if (own !== undefined) return own;
  }
  return null;
}

/**
 * WsGetXmlAttribute: "Finds the nearest xml attribute in scope with the specified localName and
 * returns its value. The returned value is placed on the specified heap … This function may only
 * be used to obtain the values of attributes in scope that use the prefix "xml" … If no matching
 * xml attribute is found, a zero length string will be returned for the value, and the function
 * returns S_FALSE." The zero length string is returned as null, the NULL pointer of length 0
 * Windows returns (Wine's conformance tests). Inside an attribute, the scope is its element's.
 * The scope is the current element's own attributes, then the enclosing elements', innermost
 * first; on an end element that element has ended (see XmlAttributeScope).
 */
export function WsGetXmlAttribute(
  reader: WS_XML_READER,
  localName: WS_XML_STRING,
  heap: WS_HEAP,
  valueChars: Ref<string | null> | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetXmlAttribute";
  checkXmlString(fn, "localName", localName);
  const target = readerOf(reader);
  let source = target.input(fn);
  let element: WS_XML_NODE = target.node;
  if (source instanceof AttributeSource) {
    element = source.element;
    source = source.elementSource;
  }
  const found = xmlAttributeInScope(element.nodeType === WS_XML_NODE_TYPE_ELEMENT ? element : null, source, localName);
  if (found === null) {
    throw new WsError(
      E_NOTIMPL,
      `${fn}: finding xml:${decodeUtf8(localName.bytes)} on the elements that enclose ${describeNode(element)} is not implemented yet for this input (its node source does not keep their xml: attributes).`,
    );
  }
  if (found === undefined) {
    if (valueChars !== null) valueChars.value = null;
    return S_FALSE;
  }
  const value = decodeUtf8(textUtf8(found, fn));
  chargeHeap(fn, heap, stringBytes(value), `the value of xml:${decodeUtf8(localName.bytes)}`);
  if (valueChars !== null) valueChars.value = value;
  return S_OK;
}
