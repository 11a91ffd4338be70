import {
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_ERROR,
  type WS_FAULT,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  WS_FAULT_ERROR_PROPERTY_HEADER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_STRING,
  WS_XML_TEXT_TYPE_UTF8,
} from "@wwsapi/core";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { ownHeap } from "../faults/fault-copy.js";
import { WsSetFaultErrorProperty } from "../faults/index.js";
import type { MessageObject } from "./message-object.js";
import { ENVELOPE, envelopeNames } from "./versions.js";
import { bytesEqual, newXmlBuffer, writeIntoBuffer } from "./xml-plumbing.js";

/**
 * The fault for a message whose root is the Envelope of the other SOAP version, left on the error of
 * WsReadEnvelopeStart (and so of WsReadMessageStart / WsReceiveMessage) for WsSendFaultMessageForError
 * to send. WWSAPI's docs say only that the call fails with WS_E_INVALID_FORMAT; the fault is SOAP's:
 * SOAP 1.1 §4.4.1 "VersionMismatch: The processing party found an invalid namespace for the SOAP
 * Envelope element"; SOAP 1.2 part 1 §5.4.7, the code env:VersionMismatch with an Upgrade header
 * block listing the supported envelopes ("<env:Upgrade><env:SupportedEnvelope qname='ns:Envelope'/>").
 * The fault is in the channel's own SOAP version, the only one its messages are written in.
 */
export function noteVersionMismatch(error: WS_ERROR, message: MessageObject, root: WS_XML_ELEMENT_NODE | null): void {
  const version = message.envelopeVersion;
  if (root === null || (version !== WS_ENVELOPE_VERSION_SOAP_1_1 && version !== WS_ENVELOPE_VERSION_SOAP_1_2)) return;
  const other = envelopeNames(version === WS_ENVELOPE_VERSION_SOAP_1_1 ? WS_ENVELOPE_VERSION_SOAP_1_2 : WS_ENVELOPE_VERSION_SOAP_1_1).ns;
  if (!bytesEqual(root.localName?.bytes ?? new Uint8Array(0), ENVELOPE) || !bytesEqual(root.ns?.bytes ?? new Uint8Array(0), other)) return;
  const ns = envelopeNames(version).ns;
  const fault = {
    code: { value: { localName: xs("VersionMismatch"), ns: bytes(ns) }, subCode: null },
    reasons: [],
    actor: "",
    node: "",
    detail: null,
  } as unknown as WS_FAULT;
  WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault);
  if (version !== WS_ENVELOPE_VERSION_SOAP_1_2) return;
  const buffer = newXmlBuffer(ownHeap());
  writeIntoBuffer(buffer, (writer) => {
    xml.WsWriteStartElement(writer, xs("s"), xs("Upgrade"), bytes(ns), null);
    xml.WsWriteStartElement(writer, xs("s"), xs("SupportedEnvelope"), bytes(ns), null);
    xml.WsWriteStartAttribute(writer, null, xs("qname"), xs(""), false, null);
    xml.WsWriteText(writer, { textType: WS_XML_TEXT_TYPE_UTF8, value: xs("s:Envelope") } as never, null);
    xml.WsWriteEndAttribute(writer, null);
    xml.WsWriteEndElement(writer, null);
    xml.WsWriteEndElement(writer, null);
  });
  WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_HEADER, buffer);
}

const bytes = (value: Uint8Array): WS_XML_STRING => ({ bytes: value, dictionary: null, id: 0 }) as WS_XML_STRING;
const xs = (text: string): WS_XML_STRING => bytes(new TextEncoder().encode(text));
