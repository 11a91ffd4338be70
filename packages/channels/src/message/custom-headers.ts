import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ELEMENT_DESCRIPTION,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_ERROR,
  type WS_HEAP,
  type WS_MESSAGE,
  WS_READ_NILLABLE_POINTER,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  type WS_REPEATING_HEADER_OPTION,
  WS_SINGLETON_HEADER,
  type WS_WRITE_OPTION,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { buildEntry, checkHeaderAttributes, type HeaderEntry, qualifiedName, valueBuffer, writeHeaderElement } from "./header-entry.js";
import { checkHeaderIndex } from "./header-index.js";
import { messageOf } from "./message-handle.js";
import type { MessageObject } from "./message-object.js";
import { bytesEqual, readFromBuffer, xmlCall } from "./xml-plumbing.js";

/** Application-defined headers: WsAddCustomHeader, WsGetCustomHeader, WsRemoveCustomHeader. */

/** The element name of a header description: both are required ("elementLocalName and elementNs must be set"). */
function headerName(fn: string, description: WS_ELEMENT_DESCRIPTION): { localName: Uint8Array; ns: Uint8Array } {
  if (description.elementLocalName === null || description.elementNs === null) {
    throw new WsError(E_INVALIDARG, `${fn}: a header's WS_ELEMENT_DESCRIPTION needs both elementLocalName and elementNs.`);
  }
  return { localName: description.elementLocalName.bytes, ns: description.elementNs.bytes };
}

/** The custom headers of a name; for reading, only those meant for this node (not for another SOAP role). */
const matching = (message: MessageObject, localName: Uint8Array, ns: Uint8Array, forReading: boolean): HeaderEntry[] =>
  message.headers.filter(
    (entry) =>
      entry.headerType === 0 && (entry.targeted || !forReading) && bytesEqual(entry.localName, localName) && bytesEqual(entry.ns, ns),
  );

/**
 * "Adds the specified application-defined header to the message" ("The message can be in any
 * state except WS_MESSAGE_STATE_EMPTY"): the element of the description,
 * with the mustUnderstand / relay attributes asked for, appended after the headers already there
 * (adding a header of the same name again adds a second one, the Wine conformance tests record).
 */
export function WsAddCustomHeader(
  message: WS_MESSAGE,
  headerDescription: WS_ELEMENT_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  headerAttributes: number,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsAddCustomHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const { localName, ns } = headerName(fn, headerDescription);
  checkHeaderAttributes(fn, target, headerAttributes);
  const entry = buildEntry(
    target,
    0,
    localName,
    ns,
    headerAttributes,
    (writer) =>
      writeHeaderElement(target, writer, null, localName, ns, headerAttributes, (content) =>
        xmlCall.writeType(
          content,
          WS_ELEMENT_TYPE_MAPPING,
          headerDescription.type,
          headerDescription.typeDescription,
          writeOption,
          value,
          null,
        ),
      ),
    // The caller's value may change after the call: the header is written from its buffer.
    false,
  );
  target.headers.push(entry);
  target.headersChanged();
  return S_OK;
}

const ABSENT_OK = new Set<number>([WS_READ_OPTIONAL_POINTER, WS_READ_NILLABLE_POINTER]);

/**
 * "Finds an application-defined header of the message and deserializes it." WS_SINGLETON_HEADER:
 * headerIndex must be 0, and a header that appears more than once is WS_E_INVALID_FORMAT;
 * WS_REPEATING_HEADER: the headerIndex-th of that name. A missing header is WS_E_INVALID_FORMAT
 * with a required read option, null otherwise. "Calling WsGetCustomHeader will automatically mark
 * the particular header as understood."
 */
export function WsGetCustomHeader(
  message: WS_MESSAGE,
  customHeaderDescription: WS_ELEMENT_DESCRIPTION,
  repeatingOption: WS_REPEATING_HEADER_OPTION,
  headerIndex: number,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  headerAttributes: Ref<number> | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetCustomHeader";
  const target = messageOf(message);
  target.expectNotEmpty(fn);
  const { localName, ns } = headerName(fn, customHeaderDescription);
  const found = matching(target, localName, ns, true);
  const name = qualifiedName(localName, ns);
  checkHeaderIndex(fn, repeatingOption, headerIndex, found.length, `header ${name}`);
  const entry = found[headerIndex];
  if (entry === undefined) {
    if (ABSENT_OK.has(readOption)) {
      value.value = null;
      if (headerAttributes !== null) headerAttributes.value = 0;
      return S_OK;
    }
    const which = repeatingOption === WS_SINGLETON_HEADER ? "" : ` number ${headerIndex} (of ${found.length})`;
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the message has no header ${name}${which}.`);
  }
  readFromBuffer(valueBuffer(target, entry), (reader) =>
    xmlCall.readElement(reader, customHeaderDescription, readOption, heap ?? target.heap, value, null),
  );
  entry.understood = true;
  if (headerAttributes !== null) headerAttributes.value = entry.attributes;
  return S_OK;
}

/** "Removes a custom header from the message": every header of that name; none is fine (the Wine conformance tests). */
export function WsRemoveCustomHeader(
  message: WS_MESSAGE,
  headerName: WS_XML_STRING,
  headerNs: WS_XML_STRING,
  _error: WS_ERROR | null,
): HRESULT {
  const target = messageOf(message);
  target.expectNotEmpty("WsRemoveCustomHeader");
  const remove = new Set(matching(target, headerName.bytes, headerNs.bytes, false));
  if (remove.size > 0) {
    target.headers = target.headers.filter((entry) => !remove.has(entry));
    target.headersChanged();
  }
  return S_OK;
}
