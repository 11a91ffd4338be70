import {
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_ERROR,
  type WS_FAULT,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  WS_FAULT_ERROR_PROPERTY_HEADER,
  type WS_XML_STRING,
  WS_XML_TEXT_TYPE_UTF8,
} from "@wwsapi/core";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { ownHeap } from "../faults/fault-copy.js";
import { WsSetFaultErrorProperty } from "../faults/index.js";
import type { HeaderEntry } from "./header-entry.js";
import type { MessageObject } from "./message-object.js";
import { envelopeNames } from "./versions.js";
import { newXmlBuffer, writeIntoBuffer } from "./xml-plumbing.js";

/**
 * What WsCheckMustUnderstandHeaders leaves on its error when headers were not understood ("If an
 * error object is supplied to the function, it will be populated with information that can be used
 * to send a fault (see WsCreateFaultFromError)"): the MustUnderstand fault of the message's SOAP
 * version (SOAP 1.1 §4.4.1 and SOAP 1.2 part 1 §5.4.8: the code MustUnderstand in the envelope's
 * namespace) with no reason of its own, so the reason comes from the error's strings under the
 * fault disclosure; and for SOAP 1.2 the header WsSendFaultMessageForError adds to the fault, one
 * NotUnderstood element per header ("<env:NotUnderstood qname='…'/>", part 1 §5.4.8). SOAP 1.1
 * defines no such header.
 */
export function setMustUnderstandFault(error: WS_ERROR, message: MessageObject, missed: readonly HeaderEntry[]): void {
  const ns = envelopeNames(message.envelopeVersion).ns;
  const fault: WS_FAULT = {
    code: { value: { localName: xs("MustUnderstand"), ns: { bytes: ns, dictionary: null, id: 0 } as WS_XML_STRING }, subCode: null },
    reasons: [],
    actor: "",
    node: "",
    detail: null,
  } as unknown as WS_FAULT;
  WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault);
  if (message.envelopeVersion !== WS_ENVELOPE_VERSION_SOAP_1_2) return;
  const buffer = newXmlBuffer(ownHeap());
  writeIntoBuffer(buffer, (writer) => {
    for (const entry of missed) {
      xml.WsWriteStartElement(writer, xs("s"), xs("NotUnderstood"), { bytes: ns, dictionary: null, id: 0 } as WS_XML_STRING, null);
      // The header's QName: its namespace under the prefix h (none for a header in no namespace).
      if (entry.ns.byteLength > 0)
        xml.WsWriteXmlnsAttribute(writer, xs("h"), { bytes: entry.ns, dictionary: null, id: 0 } as WS_XML_STRING, false, null);
      xml.WsWriteStartAttribute(writer, null, xs("qname"), xs(""), false, null);
      const name = new TextDecoder().decode(entry.localName);
      xml.WsWriteText(writer, { textType: WS_XML_TEXT_TYPE_UTF8, value: xs(entry.ns.byteLength > 0 ? `h:${name}` : name) } as never, null);
      xml.WsWriteEndAttribute(writer, null);
      xml.WsWriteEndElement(writer, null);
    }
  });
  WsSetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_HEADER, buffer);
}

const xs = (text: string): WS_XML_STRING => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 }) as WS_XML_STRING;
