import {
  E_INVALIDARG,
  ref,
  WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_SEND_TIMEOUT,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  type WS_ERROR,
  WS_HTTP_CHANNEL_BINDING,
  type WS_MESSAGE,
  WS_MESSAGE_STATE_INITIALIZED,
  type WS_XML_READER,
  type WS_XML_WRITER,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlImplementation } from "@wwsapi/xml/internal";
import { quoted } from "../encoding/content-type.js";
import {
  type MessageObject,
  messageOf,
  WsAddressMessage,
  WsReadEnvelopeEnd,
  WsReadEnvelopeStart,
  WsWriteEnvelopeEnd,
  WsWriteEnvelopeStart,
} from "../message/index.js";
import type { TransportMessage } from "../transport/channel-transport.js";
import type { ChannelObject } from "./channel-object.js";
import { requireChannelState } from "./channel-state.js";

/**
 * The message I/O of a channel, shared by WsWriteMessageStart/End, WsReadMessageStart/End and the
 * composite functions (WsSendMessage, WsReceiveMessage, WsRequestReply, WsSendReplyMessage): the
 * synchronous part (state checks, the envelope written into the channel's writer) and the part that
 * waits for the transport.
 */

function channelWriter(ch: ChannelObject): WS_XML_WRITER {
  if (ch.writer === null) {
    const writer = ref<WS_XML_WRITER | null>(null);
    // The writer's buffer is the message: its quota is the channel's MAX_BUFFERED_MESSAGE_SIZE.
    const max = ch.setting<number>(WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE);
    xmlImplementation.WsCreateWriter([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: max }], writer, null);
    ch.writer = writer.value;
  }
  return ch.writer!;
}

function channelReader(ch: ChannelObject): WS_XML_READER {
  if (ch.reader === null) {
    const reader = ref<WS_XML_READER | null>(null);
    xmlImplementation.WsCreateReader(null, reader, null);
    ch.reader = reader.value;
  }
  return ch.reader!;
}

/** The channel types that send first and then read the reply (request) or read first and then answer (reply). */
const isRequest = (ch: ChannelObject) => ch.channelType === WS_CHANNEL_TYPE_REQUEST;
const isReply = (ch: ChannelObject) => ch.channelType === WS_CHANNEL_TYPE_REPLY;

/**
 * WsWriteMessageStart's synchronous part: the channel must be OPEN with no message being written; a
 * reply channel must have received its request first. A message the application did not address is
 * addressed to the channel's endpoint (the To header), as WWSAPI does for the messages a client
 * channel sends; the envelope start and headers go into the channel's writer.
 */
export function beginWrite(fn: string, ch: ChannelObject, message: WS_MESSAGE): MessageObject {
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  if (ch.writing !== null) throw new WsError(WS_E_INVALID_OPERATION, `${fn}: a message is already being written on this channel.`);
  if (isReply(ch) && ch.requestsReceived === 0) {
    throw new WsError(WS_E_INVALID_OPERATION, `${fn}: a reply channel sends its reply after it has received the request.`);
  }
  const target = messageOf(message);
  if (!target.isAddressed && target.state === WS_MESSAGE_STATE_INITIALIZED && ch.remoteAddress !== null && !isReply(ch)) {
    WsAddressMessage(message, ch.remoteAddress, null);
  }
  const writer = channelWriter(ch);
  ch.encoder!.startWriting(writer);
  WsWriteEnvelopeStart(message, writer, null, null, null);
  ch.writing = message;
  return target;
}

/** The HTTP headers a message goes with: its mapped headers, and SOAPAction for a SOAP 1.1 request. */
function httpHeadersFor(ch: ChannelObject, target: MessageObject, action: string | null): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { name, value } of target.mappedHeadersToSend) {
    const key = name.toLowerCase();
    const before = headers.get(key);
    headers.set(key, before === undefined ? value : `${before}, ${value}`);
  }
  // SOAP 1.1 §6.1.1: "The SOAPAction HTTP request header field can be used to indicate the intent
  // of the SOAP HTTP request"; the value is a quoted URI, "" when there is none.
  if (isRequest(ch) && target.envelopeVersion === WS_ENVELOPE_VERSION_SOAP_1_1) headers.set("soapaction", quoted(action ?? ""));
  return headers;
}

/**
 * WsWriteMessageEnd's synchronous part: ends the envelope and takes the encoded bytes. Returns the
 * transport message to send; `fault` marks a fault reply (HTTP status 500).
 */
export function finishWrite(fn: string, ch: ChannelObject, message: WS_MESSAGE, fault = false): TransportMessage {
  if (ch.writing !== message)
    throw new WsError(E_INVALIDARG, `${fn}: the message is not the one being written on this channel (WsWriteMessageStart).`);
  const target = messageOf(message);
  WsWriteEnvelopeEnd(message, null);
  ch.writing = null;
  const body = ch.encoder!.finishWriting(ch.writer!);
  const action = target.action;
  let contentType = ch.encoder!.contentTypeFor(action);
  if (ch.binding !== WS_HTTP_CHANNEL_BINDING) return { body, contentType };
  const httpHeaders = httpHeadersFor(ch, target, action);
  // A mapped Content-Type (WS_ENCODING_RAW) is the application's choice of media type.
  const mapped = httpHeaders.get("content-type");
  if (mapped !== undefined) {
    contentType = mapped;
    httpHeaders.delete("content-type");
  }
  // SOAP over HTTP answers a fault with 500 (SOAP 1.1 §6.2, SOAP 1.2 part 2 §7.5.1.2).
  return isReply(ch) ? { body, contentType, httpHeaders, status: fault || target.isFault ? 500 : 200 } : { body, contentType, httpHeaders };
}

/** Sends an encoded message; a transport failure faults the channel (it can no longer be used). */
export async function sendEncoded(ch: ChannelObject, encoded: TransportMessage): Promise<void> {
  const transport = ch.transport!;
  try {
    if (ch.pendingOpen !== null) await ch.pendingOpen;
    await ch.run(WS_CHANNEL_PROPERTY_SEND_TIMEOUT, "Sending the message", (signal) => transport.send(encoded, signal));
  } catch (thrown) {
    if (ch.state === WS_CHANNEL_STATE_OPEN) ch.state = WS_CHANNEL_STATE_FAULTED;
    throw thrown;
  }
}

/** Collects a streamed body up to `limit` bytes (WS_E_QUOTA_EXCEEDED beyond). */
async function collect(body: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) throw quota(limit, "WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const quota = (limit: number, name: string) =>
  new WsError(WS_E_QUOTA_EXCEEDED, `The received message is larger than ${limit} bytes (${name}).`);

/**
 * WsReadMessageStart's checks, before any wait: OPEN, no message being read; a request channel
 * reads the reply to what it sent.
 */
export function checkRead(fn: string, ch: ChannelObject): void {
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  if (ch.reading !== null) throw new WsError(WS_E_INVALID_OPERATION, `${fn}: a message is already being read on this channel.`);
}

/** A received message, as far as the channel core keeps it with the message being read. */
export interface Received {
  /** The action the transport carried (SOAPAction, or the content type's `action`), for addressing without an Action header. */
  readonly transportAction: string | null;
}

/** The action a received HTTP message carries outside its envelope. */
function transportActionOf(message: TransportMessage): string | null {
  const soapAction = message.httpHeaders?.get("soapaction");
  if (soapAction !== undefined) return soapAction.replace(/^"(.*)"$/s, "$1");
  const match = /;\s*action\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(message.contentType);
  return match === null ? null : match[1]!.replace(/\\(.)/g, "$1");
}

/**
 * Receives the next message and reads its envelope start into `message`, then runs `process` (the
 * composite functions read the body and the end there, synchronously). Resolves null when the
 * channel has no more messages (a session the peer ended; a reply channel's second read): WS_S_END.
 */
export async function receiveInto<T = Received>(
  fn: string,
  ch: ChannelObject,
  message: WS_MESSAGE,
  process?: (received: Received) => T,
  error: WS_ERROR | null = null,
): Promise<T | null> {
  const transport = ch.transport!;
  if (isReply(ch) && ch.requestsReceived > 0 && ch.binding === WS_HTTP_CHANNEL_BINDING) return null;
  let received: TransportMessage | null;
  try {
    if (ch.pendingOpen !== null) await ch.pendingOpen;
    // A request channel waits for the response (WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT: "to wait
    // for all the response headers"); other channels for their next message (RECEIVE_TIMEOUT).
    const timeoutId = isRequest(ch) ? WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT : WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT;
    received = await ch.run(timeoutId, isRequest(ch) ? "Receiving the reply" : "Receiving a message", (signal) =>
      transport.receive(signal),
    );
  } catch (thrown) {
    if (ch.state === WS_CHANNEL_STATE_OPEN) ch.state = WS_CHANNEL_STATE_FAULTED;
    throw thrown;
  }
  if (received === null) return null;
  if (isReply(ch)) ch.requestsReceived++;
  const body =
    received.body instanceof Uint8Array
      ? received.body
      : await collect(received.body, Number(ch.setting<bigint>(WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE)));
  const max = ch.setting<number>(WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE);
  if (received.body instanceof Uint8Array && body.length > max) throw quota(max, "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE");
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  if (ch.reading !== null) throw new WsError(WS_E_INVALID_OPERATION, `${fn}: a message is already being read on this channel.`);
  const reader = channelReader(ch);
  try {
    ch.encoder!.startReading(reader, body, received.contentType);
    // The caller's error, for the fault WsReadEnvelopeStart may leave on it (version-mismatch-fault.ts).
    WsReadEnvelopeStart(message, reader, null, null, error);
  } catch (thrown) {
    // A session's messages build on each other ([MC-NBFSE]: a StringTable adds to the session's
    // dictionary for the messages that follow), and net.tcp framing has no record to tell the peer
    // that one message was refused: a message whose envelope cannot be read ends the session. The
    // channel faults and the connection is closed. (A reply channel stays open, to answer with a fault.)
    if (ch.channelType === WS_CHANNEL_TYPE_DUPLEX_SESSION) {
      if (ch.state === WS_CHANNEL_STATE_OPEN) ch.state = WS_CHANNEL_STATE_FAULTED;
      transport.abort(thrown instanceof Error ? thrown : new Error(String(thrown)));
    }
    throw thrown;
  }
  if (received.httpHeaders !== undefined) messageOf(message).setReceivedHttpHeaders(received.httpHeaders);
  ch.reading = message;
  ch.lastReceived = received;
  // The transport carries an action for requests only: SOAP 1.1's SOAPAction is a request header, and
  // RFC 3902's action parameter names the request's action. A peer that echoes the request's action
  // in its reply's Content-Type (node-soap does) must not make the reply look like the request.
  const transportAction = isRequest(ch) ? null : transportActionOf(received);
  const result: Received = { transportAction };
  // Run at once, before any other continuation can point the channel's reader elsewhere: receives
  // may overlap on a free-threaded channel, and they share the reader one after the other.
  return process === undefined ? (result as T) : process(result);
}

/** WsReadMessageEnd's work: the end of the envelope. */
export function finishRead(fn: string, ch: ChannelObject, message: WS_MESSAGE): void {
  if (ch.reading !== message)
    throw new WsError(E_INVALIDARG, `${fn}: the message is not the one being read on this channel (WsReadMessageStart).`);
  ch.reading = null;
  WsReadEnvelopeEnd(message, null);
}
