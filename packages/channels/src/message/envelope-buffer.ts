import { ref, type WS_XML_BUFFER, type WS_XML_NODE_POSITION } from "@wwsapi/core";
import { writeEnvelopeStart } from "./envelope-writer.js";
import type { MessageObject } from "./message-object.js";
import { newXmlBuffer, readFromBuffer, writeIntoBuffer, xmlCall } from "./xml-plumbing.js";

/**
 * WS_MESSAGE_PROPERTY_HEADER_BUFFER: the envelope with the message's headers and an empty body,
 * `<s:Envelope …><s:Header>…</s:Header><s:Body/></s:Envelope>`, as Windows exposes it (the Wine
 * conformance tests read it with WsWriteXmlBuffer). Built on the message's heap when first asked
 * for and kept until the headers change, so that positions taken in it stay valid for
 * WsMarkHeaderAsUnderstood; the message records which header each element stands for.
 */
export function envelopeBuffer(message: MessageObject): WS_XML_BUFFER {
  if (message.envelopeBuffer !== null) return message.envelopeBuffer;
  const buffer = newXmlBuffer(message.heap);
  writeIntoBuffer(buffer, (writer) => {
    writeEnvelopeStart(message, writer, false);
    xmlCall.writeEndElement(writer, null);
    xmlCall.writeEndElement(writer, null);
  });
  const position = () => {
    const at = ref<WS_XML_NODE_POSITION>({ buffer: null, node: null });
    return at;
  };
  readFromBuffer(buffer, (reader) => {
    xmlCall.readStartElement(reader, null); // Envelope
    xmlCall.readToStartElement(reader, null, null, null, null); // Header
    const header = position();
    xmlCall.getReaderPosition(reader, header, null);
    message.headerPosition = header.value;
    xmlCall.readStartElement(reader, null);
    for (const entry of message.headers) {
      xmlCall.readToStartElement(reader, null, null, null, null);
      const at = position();
      xmlCall.getReaderPosition(reader, at, null);
      message.headerNodes.set(at.value.node, entry);
      xmlCall.skipNode(reader, null);
    }
  });
  message.envelopeBuffer = buffer;
  return buffer;
}
