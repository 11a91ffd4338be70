import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_DOUBLE_VALUE_TYPE,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  WS_FLOAT_VALUE_TYPE,
  WS_INT8_VALUE_TYPE,
  WS_INT16_VALUE_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_INT64_VALUE_TYPE,
  WS_UINT8_VALUE_TYPE,
  WS_UINT16_VALUE_TYPE,
  WS_UINT32_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_VALUE_TYPE,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_READER,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { decodeUtf8, xmlStringEquals } from "../text-utils/xml-string.js";
import { article } from "./lexical.js";
import { valueParser } from "./parse-value.js";
import { advance, checkXmlString, describeNode, readerOf, readerPosition, reportFor, skipInsignificant } from "./reader-cursor.js";
import { readAllText } from "./text-cursor.js";

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * The rest of the content as a string without leading and trailing white space (WsReadValue:
 * "Leading and trailing whitespaces are ignored"); the reader is left on the node that ends it
 * (`beforeMove`: see readAllText).
 */
export function contentText(target: XmlReaderObject, functionName: string, beforeMove?: (parts: readonly Uint8Array[]) => void): string {
  const bytes = readAllText(target, functionName, beforeMove);
  let start = 0;
  let end = bytes.length;
  while (start < end && isSpace(bytes[start]!)) start++;
  while (end > start && isSpace(bytes[end - 1]!)) end--;
  return decodeUtf8(bytes.subarray(start, end));
}

/** The content read and parsed as `valueType`; a parse failure names `functionName`. */
export function readValue(target: XmlReaderObject, functionName: string, valueType: WS_VALUE_TYPE): unknown {
  const parser = valueParser(functionName, valueType);
  const text = contentText(target, functionName);
  try {
    return parser.parse(text);
  } catch (thrown) {
    throw reportFor(functionName, target, thrown);
  }
}

/**
 * WsReadValue: "The Reader reads from its current position up to the next Start or End element
 * and parses them according to the specified value type. If the Reader is already positioned on a
 * Start or End element the buffer remains empty. Comments are skipped and CDATA content is treated
 * the same as other element content." An empty content is no value of any type, so on an element
 * (or BOF) it fails with WS_E_INVALID_FORMAT, as Windows does (Wine's conformance tests). The
 * reader is left on the node that ends the content (the end element, for WsReadEndElement).
 */
export function WsReadValue(reader: WS_XML_READER, valueType: WS_VALUE_TYPE, value: Ref<unknown>, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  target.input("WsReadValue");
  value.value = readValue(target, "WsReadValue", valueType);
  return S_OK;
}

/** The typed array each value type may be read into (a plain array is accepted for every type). */
const TYPED_ARRAYS: Partial<Record<WS_VALUE_TYPE, { name: string; is: (a: ArrayBufferView) => boolean }>> = {
  [WS_INT8_VALUE_TYPE]: { name: "Int8Array", is: (a) => a instanceof Int8Array },
  [WS_INT16_VALUE_TYPE]: { name: "Int16Array", is: (a) => a instanceof Int16Array },
  [WS_INT32_VALUE_TYPE]: { name: "Int32Array", is: (a) => a instanceof Int32Array },
  [WS_INT64_VALUE_TYPE]: { name: "BigInt64Array", is: (a) => a instanceof BigInt64Array },
  [WS_UINT8_VALUE_TYPE]: { name: "Uint8Array", is: (a) => a instanceof Uint8Array },
  [WS_UINT16_VALUE_TYPE]: { name: "Uint16Array", is: (a) => a instanceof Uint16Array },
  [WS_UINT32_VALUE_TYPE]: { name: "Uint32Array", is: (a) => a instanceof Uint32Array },
  [WS_UINT64_VALUE_TYPE]: { name: "BigUint64Array", is: (a) => a instanceof BigUint64Array },
  [WS_FLOAT_VALUE_TYPE]: { name: "Float32Array", is: (a) => a instanceof Float32Array },
  [WS_DOUBLE_VALUE_TYPE]: { name: "Float64Array", is: (a) => a instanceof Float64Array },
};

type Items = { [index: number]: unknown; length: number };

/**
 * The caller's array, checked: "The size of the array items is determined by the value type", so
 * a typed array must be the one of the value type (an Int32Array for WS_INT32_VALUE_TYPE); and it
 * must hold items itemOffset to itemOffset + itemCount - 1 (C's arraySize is its length here).
 */
function checkArray(
  valueType: WS_VALUE_TYPE,
  array: unknown[] | ArrayBufferView | null,
  itemOffset: number,
  itemCount: number,
): Items | null {
  const typed = TYPED_ARRAYS[valueType];
  if (array !== null && !Array.isArray(array) && (typed === undefined || !typed.is(array))) {
    const expected = typed === undefined ? "an array" : `an array or ${article(typed.name)}`;
    throw new WsError(
      E_INVALIDARG,
      `WsReadArray: parameter 'array' must be ${expected} for value type ${valueType}, not ${describeValue(array)}.`,
    );
  }
  const length = array === null ? 0 : (array as Items).length;
  if (itemOffset + itemCount > length) {
    throw new WsError(
      E_INVALIDARG,
      `WsReadArray: items ${itemOffset} to ${itemOffset + itemCount - 1} do not fit parameter 'array', which holds ${length} item${length === 1 ? "" : "s"}.`,
    );
  }
  return array as Items | null;
}

/**
 * WsReadArray: "semantically equivalent to using WsReadStartElement, WsReadValue and
 * WsReadEndElement in a loop": while fewer than itemCount items are read and the next element
 * (after white space and comments, as WsReadToStartElement skips them) is localName in ns, its
 * content is read as one value. The reader is left on the first node that is not such an element;
 * "There are no more elements when this returns zero."
 */
export function WsReadArray(
  reader: WS_XML_READER,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING,
  valueType: WS_VALUE_TYPE,
  array: unknown[] | ArrayBufferView | null,
  itemOffset: number,
  itemCount: number,
  actualItemCount: Ref<number>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadArray";
  const target = readerOf(reader);
  checkXmlString(fn, "localName", localName);
  checkXmlString(fn, "ns", ns);
  const items = checkArray(valueType, array, itemOffset, itemCount);
  target.input(fn);
  let count = 0;
  while (count < itemCount) {
    const node = skipInsignificant(target, fn);
    if (node.nodeType !== WS_XML_NODE_TYPE_ELEMENT) break;
    const element = node as unknown as WS_XML_ELEMENT_NODE;
    if (!xmlStringEquals(element.localName!, localName) || !xmlStringEquals(element.ns!, ns)) break;
    advance(target, fn);
    const item = readValue(target, fn, valueType);
    if (target.node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `${fn}: item ${count} ends with ${describeNode(target.node)} where its end element was expected${readerPosition(target)}.`,
      );
    }
    advance(target, fn);
    items![itemOffset + count] = item;
    count++;
  }
  actualItemCount.value = count;
  return S_OK;
}
