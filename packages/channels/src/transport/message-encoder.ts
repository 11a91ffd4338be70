import type { WS_XML_READER, WS_XML_WRITER } from "@wwsapi/core";

/**
 * How a channel turns the XML it writes into bytes for its transport and back (WS_ENCODING: text
 * UTF-8/UTF-16, binary, binary session, MTOM; raw). One encoder per channel: the binary session
 * encoding of net.tcp keeps its dynamic dictionary across the messages of a session ([MC-NBFSE]),
 * so encoders may hold state and are made per channel by the channel core.
 *
 * The channel core owns the WS_XML_WRITER and WS_XML_READER it hands to WsWriteEnvelopeStart and
 * WsReadEnvelopeStart; the encoder only points them at output and input (WsSetOutput, WsSetInput
 * through xmlImplementation) and collects the bytes.
 */
export interface MessageEncoder {
  /**
   * The Content-Type of an outgoing message: `text/xml; charset=utf-8` (SOAP 1.1),
   * `application/soap+xml; charset=utf-8; action="..."` (SOAP 1.2 puts the action in it),
   * `application/soap+msbin1`, `application/soap+msbinsession1`, `multipart/related; ...` (MTOM).
   */
  contentTypeFor(action: string | null): string;
  /** Point `writer` at a fresh output in this encoding. */
  startWriting(writer: WS_XML_WRITER): void;
  /** The bytes written since startWriting, as the transport sends them (binary session: prefixed with the dictionary strings this message added). */
  finishWriting(writer: WS_XML_WRITER): Uint8Array;
  /**
   * Point `reader` at a received message. Throws WsError(WS_E_INVALID_FORMAT) for a content type
   * this encoding does not read, naming both; binary session: reads and adds the message's
   * dictionary strings first, within the session's dictionary quota (WS_E_QUOTA_EXCEEDED).
   */
  startReading(reader: WS_XML_READER, body: Uint8Array, contentType: string): void;
}
