import {
  type AsyncCompletion,
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_ACTION_HEADER,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_ASYNC_CONTEXT,
  WS_BLANK_MESSAGE,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS,
  WS_CHANNEL_STATE_OPEN,
  WS_E_ENDPOINT_DISCONNECTED,
  WS_E_INVALID_FORMAT,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  type WS_ERROR,
  type WS_FAULT_DISCLOSURE,
  WS_FAULT_MESSAGE,
  WS_FAULT_TYPE,
  type WS_HEAP,
  type WS_MESSAGE,
  type WS_MESSAGE_DESCRIPTION,
  WS_MESSAGE_STATE_EMPTY,
  type WS_READ_OPTION,
  type WS_RECEIVE_OPTION,
  WS_RECEIVE_OPTIONAL_MESSAGE,
  WS_REPLY_MESSAGE,
  WS_REQUEST_MESSAGE,
  WS_S_END,
  type WS_WRITE_OPTION,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { describeValue, isObject, WsError, wouldBlock } from "@wwsapi/core/internal";
import { xmlImplementation } from "@wwsapi/xml/internal";
import { defaultFaultAction, faultToSend } from "../faults/index.js";
import { buildEntry } from "../message/header-entry.js";
import { messageOf, WsInitializeMessage, WsReadBody, WsSetHeader, WsWriteBody } from "../message/index.js";
import { readFromBuffer } from "../message/xml-plumbing.js";
import { beginWrite, checkRead, finishRead, finishWrite, type Received, receiveInto, sendEncoded } from "./channel-io.js";
import { type ChannelObject, channelObject } from "./channel-object.js";
import { requireChannelState } from "./channel-state.js";
import { receivedFault } from "./received-fault.js";

const decoder = new TextDecoder();
const actionText = (action: WS_XML_STRING | null | undefined): string | null => (action == null ? null : decoder.decode(action.bytes));
const actionString = (text: string): WS_XML_STRING => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 }) as WS_XML_STRING;

function checkDescription(fn: string, name: string, description: unknown): WS_MESSAGE_DESCRIPTION {
  if (!isObject(description))
    throw new WsError(E_INVALIDARG, `${fn}: ${name} must be a WS_MESSAGE_DESCRIPTION, not ${describeValue(description)}.`);
  return description as WS_MESSAGE_DESCRIPTION;
}

/**
 * Writes and sends one message: initializes it when it is still empty (`initialization`, from
 * `source` for replies), sets its Action from the description, writes the body element, and sends
 * it. Everything up to the send runs now, so a bad argument fails the call at once.
 */
function sendOne(
  fn: string,
  ch: ChannelObject,
  message: WS_MESSAGE,
  initialization: number,
  source: WS_MESSAGE | null,
  action: string | null,
  description: WS_MESSAGE_DESCRIPTION | null,
  writeOption: WS_WRITE_OPTION,
  value: unknown,
  fault = false,
  decorate?: (message: WS_MESSAGE) => void,
): Promise<void> {
  const target = messageOf(message);
  // A request whose envelope could not be read (bad content type, malformed XML, another SOAP
  // version) stays EMPTY: it has no MessageID or ReplyTo to answer, so the fault for it goes out
  // uncorrelated (a blank message) rather than not at all.
  const uncorrelated = source !== null && messageOf(source).state === WS_MESSAGE_STATE_EMPTY;
  if (target.state === WS_MESSAGE_STATE_EMPTY)
    WsInitializeMessage(message, (uncorrelated ? WS_BLANK_MESSAGE : initialization) as never, uncorrelated ? null : source, null);
  if (action !== null) WsSetHeader(message, WS_ACTION_HEADER, WS_XML_STRING_TYPE, WS_WRITE_REQUIRED_VALUE, actionString(action), null);
  decorate?.(message);
  beginWrite(fn, ch, message);
  let encoded: ReturnType<typeof finishWrite>;
  try {
    const body = description?.bodyElementDescription ?? null;
    if (body !== null) WsWriteBody(message, body, writeOption, value, null);
    encoded = finishWrite(fn, ch, message, fault);
  } catch (thrown) {
    ch.writing = null;
    throw thrown;
  }
  return sendEncoded(ch, encoded);
}

/** The received message's action: its Action header, else what the transport carried (SOAPAction). */
function receivedAction(message: WS_MESSAGE, received: Received): string | null {
  return messageOf(message).action ?? received.transportAction;
}

/**
 * After a message's envelope start was read: a fault becomes WS_E_ENDPOINT_FAULT_RECEIVED (with
 * WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS, TRUE by default); otherwise the description whose action
 * matches (a null action matches any) is chosen, its body element read and the envelope ended.
 * No match is WS_E_INVALID_FORMAT ("The input data was not in the expected format or did not have
 * the expected value"), naming the action.
 */
function readMatching(
  fn: string,
  ch: ChannelObject,
  message: WS_MESSAGE,
  received: Received,
  descriptions: readonly WS_MESSAGE_DESCRIPTION[],
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown> | null,
  error: WS_ERROR | null,
): number {
  try {
    const target = messageOf(message);
    if (target.isFault && ch.setting<boolean>(WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS)) {
      throw receivedFault(fn, message, heap, error, receivedAction(message, received));
    }
    const action = receivedAction(message, received);
    // WS-Addressing 1.0 and 0.9 make [action] required ("wsa:Action … This REQUIRED element"): a
    // message without it matches only a description that accepts any action.
    if (action === null && target.addressingVersion !== WS_ADDRESSING_VERSION_TRANSPORT && descriptions.every((d) => d.action !== null)) {
      throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the received message has no Action header, which WS-Addressing requires.`);
    }
    const index =
      action === null
        ? matchByBody(ch, descriptions)
        : descriptions.findIndex((description) => {
            const expected = actionText(description.action);
            return expected === null || expected === action;
          });
    if (index < 0) {
      const expected = descriptions.map((description) => `"${actionText(description.action)}"`).join(", ");
      throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the received message's action "${action ?? ""}" is not the expected ${expected}.`);
    }
    const body = descriptions[index]!.bodyElementDescription;
    if (body !== null) {
      if (value === null) throw new WsError(E_INVALIDARG, `${fn}: value must be given to receive the body element.`);
      WsReadBody(message, body, readOption, heap, value, null);
    }
    finishRead(fn, ch, message);
    return index;
  } catch (thrown) {
    // The message is given up (WsAbandonMessage): the channel can go on receiving.
    if (ch.reading === message) ch.reading = null;
    throw thrown;
  }
}

/**
 * A message without any action (WS_ADDRESSING_VERSION_TRANSPORT replies carry none: no Action
 * header, and SOAPAction goes with requests only) cannot be matched by action; the description whose
 * body element is the body's first element is chosen, or one without a body element.
 */
function matchByBody(ch: ChannelObject, descriptions: readonly WS_MESSAGE_DESCRIPTION[]): number {
  const reader = ch.reader!;
  xmlImplementation.WsReadToStartElement(reader, null, null, null, null);
  const node = ref<WS_XML_NODE | null>(null);
  xmlImplementation.WsGetReaderNode(reader, node, null);
  const element = node.value?.nodeType === WS_XML_NODE_TYPE_ELEMENT ? (node.value as WS_XML_ELEMENT_NODE) : null;
  return descriptions.findIndex((description) => {
    const body = description.bodyElementDescription;
    if (body === null) return element === null;
    return element !== null && sameName(body.elementLocalName, element.localName) && sameName(body.elementNs, element.ns);
  });
}

const sameName = (a: WS_XML_STRING | null, b: WS_XML_STRING | null) =>
  a !== null && b !== null && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));

/** WsSendMessage: "Send a message on a channel using serialization to write the body element." */
export function WsSendMessage(
  channel: WS_CHANNEL,
  message: WS_MESSAGE,
  messageDescription: WS_MESSAGE_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  bodyValue: unknown,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsSendMessage";
  const ch = channelObject(channel);
  const description = checkDescription(fn, "messageDescription", messageDescription);
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  if (asyncContext === null) throw wouldBlock(fn, "the message to be sent");
  return ch.complete(
    sendOne(fn, ch, message, WS_BLANK_MESSAGE, null, actionText(description.action), description, writeOption, bodyValue).then(() => S_OK),
  );
}

/**
 * WsReceiveMessage: "Receive a message and deserialize the body of the message as a value." With
 * WS_RECEIVE_OPTIONAL_MESSAGE and no more messages it returns WS_S_END and leaves value and index
 * alone; with WS_RECEIVE_REQUIRED_MESSAGE "the function will fail": WS_E_ENDPOINT_DISCONNECTED,
 * the peer having ended the exchange.
 */
export function WsReceiveMessage(
  channel: WS_CHANNEL,
  message: WS_MESSAGE,
  messageDescriptions: readonly WS_MESSAGE_DESCRIPTION[] | null,
  receiveOption: WS_RECEIVE_OPTION,
  readBodyOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown>,
  index: Ref<number> | null,
  asyncContext: WS_ASYNC_CONTEXT | null,
  error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsReceiveMessage";
  const ch = channelObject(channel);
  if (messageDescriptions === null || messageDescriptions.length === 0) {
    throw new WsError(E_INVALIDARG, `${fn}: messageDescriptions must hold at least one WS_MESSAGE_DESCRIPTION.`);
  }
  const descriptions = messageDescriptions.map((description, i) => checkDescription(fn, `messageDescriptions[${i}]`, description));
  checkRead(fn, ch);
  if (messageOf(message).state !== WS_MESSAGE_STATE_EMPTY) messageOf(message).expectState(fn, WS_MESSAGE_STATE_EMPTY);
  if (asyncContext === null) throw wouldBlock(fn, "a message to arrive");
  const process = (received: Received) => readMatching(fn, ch, message, received, descriptions, readBodyOption, heap, value, error);
  return ch.complete(
    receiveInto(fn, ch, message, process, error).then((matched) => {
      if (matched === null) {
        if (receiveOption === WS_RECEIVE_OPTIONAL_MESSAGE) return WS_S_END;
        throw new WsError(
          WS_E_ENDPOINT_DISCONNECTED,
          `${fn}: the channel has no more messages, and WS_RECEIVE_REQUIRED_MESSAGE asks for one.`,
        );
      }
      if (index !== null) index.value = matched;
      return S_OK;
    }),
  );
}

/**
 * WsRequestReply: sends the request (initialized as WS_REQUEST_MESSAGE when empty: a MessageID) and
 * receives the reply into replyMessage, checking its action against the reply description; a fault
 * reply is WS_E_ENDPOINT_FAULT_RECEIVED.
 */
export function WsRequestReply(
  channel: WS_CHANNEL,
  requestMessage: WS_MESSAGE,
  requestMessageDescription: WS_MESSAGE_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  requestBodyValue: unknown,
  replyMessage: WS_MESSAGE,
  replyMessageDescription: WS_MESSAGE_DESCRIPTION,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP | null,
  value: Ref<unknown> | null,
  asyncContext: WS_ASYNC_CONTEXT | null,
  error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsRequestReply";
  const ch = channelObject(channel);
  const request = checkDescription(fn, "requestMessageDescription", requestMessageDescription);
  const reply = checkDescription(fn, "replyMessageDescription", replyMessageDescription);
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  checkRead(fn, ch);
  messageOf(replyMessage).expectState(fn, WS_MESSAGE_STATE_EMPTY);
  if (asyncContext === null) throw wouldBlock(fn, "the reply");
  const sent = sendOne(
    fn,
    ch,
    requestMessage,
    WS_REQUEST_MESSAGE,
    null,
    actionText(request.action),
    request,
    writeOption,
    requestBodyValue,
  );
  return ch.complete(
    sent
      .then(() =>
        receiveInto(fn, ch, replyMessage, (received) =>
          readMatching(fn, ch, replyMessage, received, [reply], readOption, heap, value, error),
        ),
      )
      .then((matched) => {
        if (matched === null) throw new WsError(WS_E_ENDPOINT_DISCONNECTED, `${fn}: the channel ended without a reply.`);
        return S_OK;
      }),
  );
}

/** WsSendReplyMessage: the reply is initialized from the request (WS_REPLY_MESSAGE: RelatesTo, To from ReplyTo) when empty. */
export function WsSendReplyMessage(
  channel: WS_CHANNEL,
  replyMessage: WS_MESSAGE,
  replyMessageDescription: WS_MESSAGE_DESCRIPTION,
  writeOption: WS_WRITE_OPTION,
  replyBodyValue: unknown,
  requestMessage: WS_MESSAGE,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsSendReplyMessage";
  const ch = channelObject(channel);
  const description = checkDescription(fn, "replyMessageDescription", replyMessageDescription);
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  if (asyncContext === null) throw wouldBlock(fn, "the reply to be sent");
  return ch.complete(
    sendOne(
      fn,
      ch,
      replyMessage,
      WS_REPLY_MESSAGE,
      requestMessage,
      actionText(description.action),
      description,
      writeOption,
      replyBodyValue,
    ).then(() => S_OK),
  );
}

/**
 * WsSendFaultMessageForError: a fault reply (WS_FAULT_MESSAGE from the request) whose body is the
 * WS_FAULT the faults module makes from faultError (WsCreateFaultFromError's, with the error's fault
 * detail), with the error's WS_FAULT_ERROR_PROPERTY_ACTION or the addressing version's fault action;
 * over HTTP it goes out with status 500.
 */
export function WsSendFaultMessageForError(
  channel: WS_CHANNEL,
  replyMessage: WS_MESSAGE,
  faultError: WS_ERROR,
  faultErrorCode: HRESULT,
  faultDisclosure: WS_FAULT_DISCLOSURE,
  requestMessage: WS_MESSAGE,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsSendFaultMessageForError";
  const ch = channelObject(channel);
  requireChannelState(fn, ch, WS_CHANNEL_STATE_OPEN);
  if (asyncContext === null) throw wouldBlock(fn, "the fault to be sent");
  const reply = messageOf(replyMessage);
  const toSend = faultToSend(fn, faultError, faultErrorCode, faultDisclosure, reply.heap);
  const element = faultElement(reply.envelopeVersion);
  const description = {
    action: null,
    bodyElementDescription: {
      elementLocalName: element.localName,
      elementNs: element.ns,
      type: WS_FAULT_TYPE,
      typeDescription: { envelopeVersion: reply.envelopeVersion },
    },
  } as unknown as WS_MESSAGE_DESCRIPTION;
  // "If the action is not specified, then a default action is supplied" (WS_FAULT_ERROR_PROPERTY_ACTION).
  const action = actionText(toSend.action) ?? defaultFaultAction(reply.addressingVersion);
  return ch.complete(
    sendOne(
      fn,
      ch,
      replyMessage,
      WS_FAULT_MESSAGE,
      requestMessage,
      action,
      description,
      WS_WRITE_REQUIRED_VALUE,
      toSend.fault,
      true,
      (m) => {
        // WS_FAULT_ERROR_PROPERTY_HEADER: "a header to add to the fault message relating to the fault".
        if (toSend.header !== null) addFaultHeader(m, toSend.header);
      },
    ).then(() => S_OK),
  );
}

/** The Fault element of an envelope version. */
function faultElement(envelopeVersion: number): { localName: WS_XML_STRING; ns: WS_XML_STRING } {
  const ns =
    envelopeVersion === WS_ENVELOPE_VERSION_SOAP_1_1
      ? "http://schemas.xmlsoap.org/soap/envelope/"
      : "http://www.w3.org/2003/05/soap-envelope";
  return { localName: actionString("Fault"), ns: actionString(ns) };
}

/**
 * Adds the error's fault header (a WS_XML_BUFFER of one or more header elements, such as SOAP 1.2's
 * NotUnderstood) to the fault message, after the headers already there, under the name of its first
 * element.
 */
function addFaultHeader(message: WS_MESSAGE, header: WS_XML_BUFFER): void {
  const target = messageOf(message);
  const name = readFromBuffer(header, (reader) => {
    const node = ref<WS_XML_NODE | null>(null);
    xmlImplementation.WsGetReaderNode(reader, node, null);
    const element = node.value?.nodeType === WS_XML_NODE_TYPE_ELEMENT ? (node.value as WS_XML_ELEMENT_NODE) : null;
    return element === null
      ? null
      : { localName: Uint8Array.from(element.localName?.bytes ?? []), ns: Uint8Array.from(element.ns?.bytes ?? []) };
  });
  if (name === null) return;
  target.headers.push(
    buildEntry(target, 0, name.localName, name.ns, 0, (writer) => xmlImplementation.WsWriteXmlBuffer(writer, header, null), false),
  );
}
