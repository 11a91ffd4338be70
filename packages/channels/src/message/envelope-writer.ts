import {
  type AsyncCompletion,
  type HRESULT,
  S_OK,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_ASYNC_CONTEXT,
  type WS_ELEMENT_DESCRIPTION,
  type WS_ERROR,
  type WS_MESSAGE,
  type WS_MESSAGE_DONE_CALLBACK,
  WS_MESSAGE_STATE_DONE,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_MESSAGE_STATE_WRITING,
  type WS_WRITE_OPTION,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { dictionaryName } from "./dictionary-strings.js";
import { writeEntry } from "./header-entry.js";
import { messageOf } from "./message-handle.js";
import type { MessageObject } from "./message-object.js";
import { addressingNames, BODY, ENVELOPE, envelopeNames, HEADER } from "./versions.js";
import { xmlCall, xmlString } from "./xml-plumbing.js";

/**
 * Writes `<s:Envelope xmlns:a="…" xmlns:s="…"><s:Header>…headers…</s:Header><s:Body`, the Body's
 * start left open so the body follows. The addressing namespace is declared on the Envelope for
 * WS-Addressing 0.9 and 1.0 (as Windows writes it, before the envelope's own); the Header is written
 * even when there is no header (`<s:Header/>`, the Wine conformance tests record it).
 *
 * With WS_ADDRESSING_VERSION_TRANSPORT "there are no addressing-related headers that are
 * transmitted as part of the SOAP envelope. The WS_ACTION_HEADER and WS_TO_HEADER are automatically
 * mapped to/from the transport-specific message locations": the header buffer keeps them (the Wine
 * conformance tests show `<Action … xmlns="…/addressing/none">` there), the wire envelope
 * (`forWire`) leaves them out, and the channel core sends them in the transport's places.
 */
export function writeEnvelopeStart(message: MessageObject, writer: WS_XML_WRITER, forWire: boolean): void {
  const envelope = envelopeNames(message.envelopeVersion);
  const addressing = addressingNames(message.addressingVersion);
  const prefix = xmlString(envelope.prefix);
  const ns = dictionaryName(envelope.ns);
  xmlCall.writeStartElement(writer, prefix, dictionaryName(ENVELOPE), ns, null);
  if (addressing.declaredOnEnvelope) {
    xmlCall.writeXmlnsAttribute(writer, xmlString(addressing.prefix), dictionaryName(addressing.ns), false, null);
  }
  xmlCall.writeStartElement(writer, prefix, dictionaryName(HEADER), ns, null);
  const transport = message.addressingVersion === WS_ADDRESSING_VERSION_TRANSPORT;
  for (const entry of message.headers) {
    if (forWire && transport && entry.headerType !== 0) continue;
    writeEntry(writer, entry);
  }
  xmlCall.writeEndElement(writer, null);
  xmlCall.writeStartElement(writer, prefix, dictionaryName(BODY), ns, null);
}

/**
 * "Writes the start of the message including the current set of headers of the message and
 * prepares to write the body elements." The message must be initialized; it is WRITING after.
 */
export function WsWriteEnvelopeStart(
  message: WS_MESSAGE,
  writer: WS_XML_WRITER,
  doneCallback: WS_MESSAGE_DONE_CALLBACK | null,
  doneCallbackState: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteEnvelopeStart";
  const target = messageOf(message);
  target.expectState(fn, WS_MESSAGE_STATE_INITIALIZED);
  writeEnvelopeStart(target, writer, true);
  target.writer = writer;
  target.done = doneCallback === null ? null : { callback: doneCallback, state: doneCallbackState };
  target.state = WS_MESSAGE_STATE_WRITING;
  return S_OK;
}

/** "Writes an element to the body of a message" with the serializer (WsWriteElement). */
export function WsWriteBody(
  message: WS_MESSAGE,
  bodyDescription: WS_ELEMENT_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const target = messageOf(message);
  target.expectState("WsWriteBody", WS_MESSAGE_STATE_WRITING);
  xmlCall.writeElement(target.writer!, bodyDescription, writeOption, value, null);
  return S_OK;
}

/** "Writes the closing elements of a message": `</s:Body></s:Envelope>`; the message is DONE. */
export function WsWriteEnvelopeEnd(message: WS_MESSAGE, _error: WS_ERROR | null): HRESULT {
  const target = messageOf(message);
  target.expectState("WsWriteEnvelopeEnd", WS_MESSAGE_STATE_WRITING);
  xmlCall.writeEndElement(target.writer!, null);
  xmlCall.writeEndElement(target.writer!, null);
  target.state = WS_MESSAGE_STATE_DONE;
  return S_OK;
}

/**
 * "Flushes all accumulated message body data that has been written", through WsFlushWriter: a
 * writer with buffer output has nothing to flush and completes at once; a stream writer flushes
 * when it holds minSize bytes or more, and may complete later (the writer's own async contract).
 */
export function WsFlushBody(
  message: WS_MESSAGE,
  minSize: number,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const target = messageOf(message);
  target.expectState("WsFlushBody", WS_MESSAGE_STATE_WRITING);
  return xmlCall.flushWriter(target.writer!, minSize, asyncContext, null);
}
