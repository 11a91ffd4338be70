import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  type WS_HEAP,
  type WS_MESSAGE,
  WS_READ_NILLABLE_POINTER,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  type WS_REPEATING_HEADER_OPTION,
  WS_STRING_TYPE,
  type WS_TYPE,
  type WS_WRITE_OPTION,
  WS_WSZ_TYPE,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { chargeHeap, describeValue, stringBytes, WsError } from "@wwsapi/core/internal";
import { checkHeaderIndex } from "./header-index.js";
import { messageOf } from "./message-handle.js";
import type { MessageObject } from "./message-object.js";
import { fromUtf8, utf8, xmlString } from "./xml-plumbing.js";

/**
 * Mapped headers: "additional transport specific information that is not part of the message
 * envelope", here HTTP headers. WsAddMappedHeader collects the ones to send (the channel core reads
 * them with `mappedHeadersToSend`); WsGetMappedHeader reads the ones the channel received with the
 * message (`setReceivedHttpHeaders`), or, on a message that was not received, the ones added. The
 * values are strings: WS_XML_STRING_TYPE, WS_WSZ_TYPE or WS_STRING_TYPE.
 */

const STRING_TYPES = new Set<number>([WS_XML_STRING_TYPE, WS_WSZ_TYPE, WS_STRING_TYPE]);

/** An HTTP header name: a non-empty token ("!#$%&'*+-.^_`|~", digits, letters; RFC 9110 §5.6.2). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function headerNameText(fn: string, headerName: WS_XML_STRING): string {
  const name = fromUtf8(headerName.bytes);
  if (!TOKEN.test(name)) throw new WsError(E_INVALIDARG, `${fn}: "${name}" is not an HTTP header name.`);
  return name;
}

function checkStringType(fn: string, valueType: number): void {
  if (!STRING_TYPES.has(valueType)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: a mapped header's value is WS_XML_STRING_TYPE, WS_WSZ_TYPE or WS_STRING_TYPE, not WS_TYPE ${valueType}.`,
    );
  }
}

/** The text of a string value of `valueType`; CR and LF cannot be in an HTTP header value. */
function valueText(fn: string, valueType: number, value: unknown): string {
  let text: string;
  if (valueType === WS_XML_STRING_TYPE) {
    const bytes = (value as WS_XML_STRING | null)?.bytes;
    if (!(bytes instanceof Uint8Array))
      throw new WsError(E_INVALIDARG, `${fn}: value must be a WS_XML_STRING, not ${describeValue(value)}.`);
    text = fromUtf8(bytes);
  } else {
    if (typeof value !== "string") throw new WsError(E_INVALIDARG, `${fn}: value must be a string, not ${describeValue(value)}.`);
    text = value;
  }
  if (/[\r\n]/.test(text)) throw new WsError(E_INVALIDARG, `${fn}: an HTTP header value cannot contain CR or LF.`);
  return text;
}

/**
 * "Adds a specified mapped header to the message"; "The message can be in any state except
 * WS_MESSAGE_STATE_EMPTY". Adding a name again adds another value ("If you want to replace a
 * header, call the WsRemoveMappedHeader function … before calling WsAddMappedHeader").
 */
export function WsAddMappedHeader(
  message: WS_MESSAGE,
  headerName: WS_XML_STRING,
  valueType: WS_TYPE,
  _writeOption: WS_WRITE_OPTION,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsAddMappedHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const name = headerNameText(fn, headerName);
  checkStringType(fn, valueType);
  const text = valueText(fn, valueType, value);
  const key = name.toLowerCase();
  const values = target.mappedHeaders.get(key) ?? [];
  values.push({ name, value: text });
  target.mappedHeaders.set(key, values);
  return S_OK;
}

/** "Removes all instances of a mapped header from the message"; none is fine (the Wine conformance tests). */
export function WsRemoveMappedHeader(message: WS_MESSAGE, headerName: WS_XML_STRING, _error: WS_ERROR | null): HRESULT {
  const fn = "WsRemoveMappedHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  target.mappedHeaders.delete(headerNameText(fn, headerName).toLowerCase());
  return S_OK;
}

/** The values of a mapped header: received ones when the channel gave them, else the ones added. */
function mappedValues(message: MessageObject, key: string): string[] {
  if (message.receivedHttpHeaders !== null) {
    const received = message.receivedHttpHeaders.get(key);
    return received === undefined ? [] : [received];
  }
  return (message.mappedHeaders.get(key) ?? []).map((header) => header.value);
}

/**
 * "Finds a mapped header in the message and deserializes it." A header that is absent is
 * WS_E_INVALID_FORMAT with a required read option, null with WS_READ_OPTIONAL_POINTER /
 * WS_READ_NILLABLE_POINTER. The value goes on `heap`, or the message's.
 */
export function WsGetMappedHeader(
  message: WS_MESSAGE,
  headerName: WS_XML_STRING,
  repeatingOption: WS_REPEATING_HEADER_OPTION,
  headerIndex: number,
  valueType: WS_TYPE,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetMappedHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const name = headerNameText(fn, headerName);
  checkStringType(fn, valueType);
  const values = mappedValues(target, name.toLowerCase());
  checkHeaderIndex(fn, repeatingOption, headerIndex, values.length, `mapped header ${name}`);
  const text = values[headerIndex];
  if (text === undefined) {
    if (readOption === WS_READ_OPTIONAL_POINTER || readOption === WS_READ_NILLABLE_POINTER) {
      value.value = null;
      return S_OK;
    }
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the message has no mapped header ${name}.`);
  }
  if (valueType === WS_XML_STRING_TYPE) {
    const bytes = utf8(text);
    chargeHeap(fn, heap ?? target.heap, bytes.length, `the value of the mapped header ${name}`);
    value.value = xmlString(bytes);
  } else {
    chargeHeap(fn, heap ?? target.heap, stringBytes(text), `the value of the mapped header ${name}`);
    value.value = text;
  }
  return S_OK;
}
