import {
  ref,
  type WS_ADDRESSING_VERSION,
  type WS_CHANNEL,
  type WS_ENVELOPE_VERSION,
  type WS_MESSAGE,
  WS_MESSAGE_PROPERTY_STATE,
  type WS_MESSAGE_STATE,
} from "@wwsapi/core";
import { beginPromiseCall, throwOnFailure } from "@wwsapi/core/internal";
import { WsCreateMessage, WsCreateMessageForChannel, WsFreeMessage, WsGetMessageProperty, WsResetMessage } from "../gen/api.js";

/**
 * WS_MESSAGE, idiomatically: `using message = Message.forChannel(channel)`. `handle` is the flat
 * API's WS_MESSAGE, so both layers can share one message.
 */
export class Message implements Disposable {
  private constructor(readonly handle: WS_MESSAGE) {}

  /** A message with the channel's envelope and addressing versions (WsCreateMessageForChannel). */
  static forChannel(channel: { readonly handle: WS_CHANNEL }): Message {
    const message = ref<WS_MESSAGE | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateMessageForChannel(channel.handle, null, message));
    return new Message(message.value!);
  }

  static create(envelopeVersion: WS_ENVELOPE_VERSION, addressingVersion: WS_ADDRESSING_VERSION): Message {
    const message = ref<WS_MESSAGE | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateMessage(envelopeVersion, addressingVersion, null, message));
    return new Message(message.value!);
  }

  /** WS_MESSAGE_STATE. */
  get state(): WS_MESSAGE_STATE {
    const value = ref<unknown>(null);
    beginPromiseCall();
    throwOnFailure(WsGetMessageProperty(this.handle, WS_MESSAGE_PROPERTY_STATE, value));
    return value.value as WS_MESSAGE_STATE;
  }

  /** Back to WS_MESSAGE_STATE_EMPTY, for the next send or receive. */
  reset(): void {
    beginPromiseCall();
    throwOnFailure(WsResetMessage(this.handle));
  }

  [Symbol.dispose](): void {
    if (!this.handle.freed) WsFreeMessage(this.handle);
  }
}
