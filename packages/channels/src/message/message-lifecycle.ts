import {
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ADDRESSING_VERSION,
  WS_ADDRESSING_VERSION_VALUES,
  type WS_CHANNEL,
  type WS_ENVELOPE_VERSION,
  WS_ENVELOPE_VERSION_VALUES,
  type WS_ERROR,
  type WS_MESSAGE,
  type WS_MESSAGE_PROPERTY,
  WS_MESSAGE_STATE_EMPTY,
} from "@wwsapi/core";
import { createHeap, freeHeap, markFreed, resetHeap, WsError } from "@wwsapi/core/internal";
import { messageOf } from "./message-handle.js";
import { MessageObject } from "./message-object.js";
import { messageSettings } from "./message-settings.js";

/**
 * What WsCreateMessageForChannel needs from a WS_CHANNEL: the channel core's channel object
 * provides these (WS_CHANNEL_PROPERTY_ENVELOPE_VERSION / _ADDRESSING_VERSION), and may provide the
 * WS_MESSAGE_PROPERTYs its messages get by default.
 */
export interface MessageChannelDefaults {
  readonly envelopeVersion: WS_ENVELOPE_VERSION;
  readonly addressingVersion: WS_ADDRESSING_VERSION;
  readonly messageProperties?: readonly WS_MESSAGE_PROPERTY[];
}

function createMessage(
  fn: string,
  envelopeVersion: WS_ENVELOPE_VERSION,
  addressingVersion: WS_ADDRESSING_VERSION,
  properties: readonly WS_MESSAGE_PROPERTY[] | null,
): MessageObject {
  const settings = messageSettings(fn, envelopeVersion, addressingVersion, properties);
  return new MessageObject(settings, createHeap(settings.heapMaxSize, settings.heapTrimSize));
}

/** "Creates a message object with the specified properties", in WS_MESSAGE_STATE_EMPTY. */
export function WsCreateMessage(
  envelopeVersion: WS_ENVELOPE_VERSION,
  addressingVersion: WS_ADDRESSING_VERSION,
  properties: readonly WS_MESSAGE_PROPERTY[] | null,
  message: Ref<WS_MESSAGE | null>,
  _error: WS_ERROR | null,
): HRESULT {
  message.value = createMessage("WsCreateMessage", envelopeVersion, addressingVersion, properties) as unknown as WS_MESSAGE;
  return S_OK;
}

/**
 * "Creates a message for use with a specified channel": the envelope and addressing versions are
 * the channel's; the channel's default message properties apply first, the caller's after them.
 */
export function WsCreateMessageForChannel(
  channel: WS_CHANNEL,
  properties: readonly WS_MESSAGE_PROPERTY[] | null,
  message: Ref<WS_MESSAGE | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsCreateMessageForChannel";
  const defaults = channel as unknown as Partial<MessageChannelDefaults>;
  if (
    !WS_ENVELOPE_VERSION_VALUES.has(defaults.envelopeVersion as number) ||
    !WS_ADDRESSING_VERSION_VALUES.has(defaults.addressingVersion as number)
  ) {
    throw new WsError(
      E_NOTIMPL,
      `${fn}: this WS_CHANNEL does not give its envelope and addressing versions; the channel core is not implemented yet.`,
    );
  }
  const merged = new Map<number, WS_MESSAGE_PROPERTY>();
  for (const property of defaults.messageProperties ?? []) merged.set(property.id, property);
  for (const property of properties ?? []) merged.set(property.id, property);
  const created = createMessage(fn, defaults.envelopeVersion as WS_ENVELOPE_VERSION, defaults.addressingVersion as WS_ADDRESSING_VERSION, [
    ...merged.values(),
  ]);
  message.value = created as unknown as WS_MESSAGE;
  return S_OK;
}

/** Tells WsWriteEnvelopeStart's / WsReadEnvelopeStart's doneCallback that the message is done with the writer or reader. */
function releaseEndpoint(target: MessageObject): void {
  const done = target.done;
  target.done = null;
  target.writer = null;
  target.reader = null;
  if (done !== null) done.callback(done.state);
}

/**
 * "Resets a message back to WS_MESSAGE_STATE_EMPTY": headers, mapped headers and flags go, the
 * heap is reset ("Allocations within the heap are freed when a message is reset/freed"); the
 * envelope and addressing versions and the properties stay.
 */
export function WsResetMessage(message: WS_MESSAGE, _error: WS_ERROR | null): HRESULT {
  const target = messageOf(message);
  releaseEndpoint(target);
  target.state = WS_MESSAGE_STATE_EMPTY;
  target.headers = [];
  target.headersChanged();
  target.mappedHeaders.clear();
  target.receivedHttpHeaders = null;
  target.isAddressed = false;
  target.isFault = false;
  resetHeap(target.heap);
  return S_OK;
}

/** "Releases the memory resource associated with a Message object." */
export function WsFreeMessage(message: WS_MESSAGE): void {
  const target = messageOf(message);
  releaseEndpoint(target);
  freeHeap(target.heap);
  markFreed(message);
}
