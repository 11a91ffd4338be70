import {
  ref,
  type WS_CHANNEL,
  type WS_CHANNEL_BINDING,
  WS_CHANNEL_PROPERTY_STATE,
  type WS_CHANNEL_STATE,
  type WS_CHANNEL_TYPE,
  type WS_HEAP,
  type WS_MESSAGE_DESCRIPTION,
  type WS_READ_OPTION,
  WS_READ_REQUIRED_POINTER,
  WS_RECEIVE_OPTIONAL_MESSAGE,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_S_END,
  type WS_WRITE_OPTION,
  WS_WRITE_REQUIRED_POINTER,
} from "@wwsapi/core";
import { beginPromiseCall, throwOnFailure } from "@wwsapi/core/internal";
import { WsAbortChannel, WsCreateChannel, WsFreeChannel, WsGetChannelProperty, WsResetChannel, WsSetChannelProperty } from "../gen/api.js";
import {
  WsCloseChannelAsync,
  WsOpenChannelAsync,
  WsReceiveMessageAsync,
  WsRequestReplyAsync,
  WsSendMessageAsync,
  WsSendReplyMessageAsync,
  WsShutdownSessionChannelAsync,
} from "../gen/promises.js";
import { Message } from "./message.js";
import { withAbort } from "./signals.js";

/** A channel or listener property given at creation: `[id, value]` pairs, as WS_CHANNEL_PROPERTY. */
export type ChannelPropertyList = readonly (readonly [id: number, value: unknown])[];

/** Options of the calls that wait: an AbortSignal (aborting it aborts the channel, see withAbort). */
export interface ChannelCallOptions {
  readonly signal?: AbortSignal;
}

export interface ChannelReceiveOptions extends ChannelCallOptions {
  /** Where the body value goes (the message's own heap when absent). */
  readonly heap?: WS_HEAP;
  readonly readOption?: WS_READ_OPTION;
  /** Resolve null instead of failing when the channel has no more messages (WS_RECEIVE_OPTIONAL_MESSAGE). */
  readonly optional?: boolean;
}

export interface ChannelSendOptions extends ChannelCallOptions {
  readonly writeOption?: WS_WRITE_OPTION;
  /** The message to send with (a new one, freed afterwards, when absent). */
  readonly message?: Message;
}

/**
 * WS_CHANNEL, idiomatically: Promise methods over the flat API, errors thrown as WsError,
 * `await using channel = Channel.create(...)` closes and frees it.
 */
export class Channel implements AsyncDisposable {
  constructor(readonly handle: WS_CHANNEL) {}

  static create(channelType: WS_CHANNEL_TYPE, binding: WS_CHANNEL_BINDING, properties: ChannelPropertyList = []): Channel {
    const channel = ref<WS_CHANNEL | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateChannel(channelType, binding, properties.map(([id, value]) => ({ id, value })) as never, null, channel));
    return new Channel(channel.value!);
  }

  get state(): WS_CHANNEL_STATE {
    return this.property(WS_CHANNEL_PROPERTY_STATE) as WS_CHANNEL_STATE;
  }

  property(id: number): unknown {
    const value = ref<unknown>(null);
    beginPromiseCall();
    throwOnFailure(WsGetChannelProperty(this.handle, id as never, value));
    return value.value;
  }

  setProperty(id: number, value: unknown): void {
    beginPromiseCall();
    throwOnFailure(WsSetChannelProperty(this.handle, id as never, value));
  }

  async open(url: string, options: ChannelCallOptions = {}): Promise<void> {
    await this.call(options, () => WsOpenChannelAsync(this.handle, { url, headers: null, extensions: null, identity: null }));
  }

  /** Sends `value` as the body of a message of `description` (WsSendMessage). */
  async send(description: WS_MESSAGE_DESCRIPTION, value: unknown, options: ChannelSendOptions = {}): Promise<void> {
    await this.withMessage(options.message, (message) =>
      this.call(options, () =>
        WsSendMessageAsync(this.handle, message.handle, description, options.writeOption ?? WS_WRITE_REQUIRED_POINTER, value),
      ),
    );
  }

  /**
   * Receives a message matching one of `descriptions` (WsReceiveMessage): its index and body value,
   * or null with `optional` when the channel has no more messages.
   */
  async receive(
    descriptions: readonly WS_MESSAGE_DESCRIPTION[],
    options: ChannelReceiveOptions & { message?: Message } = {},
  ): Promise<{ index: number; value: unknown } | null> {
    return this.withMessage(options.message, async (message) => {
      const value = ref<unknown>(null);
      const index = ref(0);
      const hr = await this.call(options, () =>
        WsReceiveMessageAsync(
          this.handle,
          message.handle,
          descriptions,
          options.optional === true ? WS_RECEIVE_OPTIONAL_MESSAGE : WS_RECEIVE_REQUIRED_MESSAGE,
          options.readOption ?? WS_READ_REQUIRED_POINTER,
          options.heap ?? null,
          value,
          index,
        ),
      );
      return hr === WS_S_END ? null : { index: index.value, value: value.value };
    });
  }

  /** Sends a request and resolves the reply's body value (WsRequestReply). */
  async request(
    request: WS_MESSAGE_DESCRIPTION,
    value: unknown,
    reply: WS_MESSAGE_DESCRIPTION,
    options: ChannelReceiveOptions & ChannelSendOptions = {},
  ): Promise<unknown> {
    using requestMessage = Message.forChannel(this);
    using replyMessage = Message.forChannel(this);
    const result = ref<unknown>(null);
    await this.call(options, () =>
      WsRequestReplyAsync(
        this.handle,
        requestMessage.handle,
        request,
        options.writeOption ?? WS_WRITE_REQUIRED_POINTER,
        value,
        replyMessage.handle,
        reply,
        options.readOption ?? WS_READ_REQUIRED_POINTER,
        options.heap ?? null,
        result,
      ),
    );
    return result.value;
  }

  /** Answers `requestMessage` (a message this channel received) with `value` (WsSendReplyMessage). */
  async reply(
    description: WS_MESSAGE_DESCRIPTION,
    value: unknown,
    requestMessage: Message,
    options: ChannelSendOptions = {},
  ): Promise<void> {
    await this.withMessage(options.message, (message) =>
      this.call(options, () =>
        WsSendReplyMessageAsync(
          this.handle,
          message.handle,
          description,
          options.writeOption ?? WS_WRITE_REQUIRED_POINTER,
          value,
          requestMessage.handle,
        ),
      ),
    );
  }

  async shutdownSession(options: ChannelCallOptions = {}): Promise<void> {
    await this.call(options, () => WsShutdownSessionChannelAsync(this.handle));
  }

  async close(options: ChannelCallOptions = {}): Promise<void> {
    await this.call(options, () => WsCloseChannelAsync(this.handle));
  }

  /** Cancels every pending operation (WS_E_OPERATION_ABORTED); the channel becomes FAULTED. */
  abort(): void {
    beginPromiseCall();
    throwOnFailure(WsAbortChannel(this.handle));
  }

  reset(): void {
    beginPromiseCall();
    throwOnFailure(WsResetChannel(this.handle));
  }

  /** Closes the channel (aborting it if the close fails) and frees it. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.handle.freed) return;
    await this.close().catch(() => this.abort());
    WsFreeChannel(this.handle);
  }

  private call<T>(options: ChannelCallOptions, call: () => Promise<T>): Promise<T> {
    return withAbort(options.signal, () => WsAbortChannel(this.handle), call);
  }

  private async withMessage<T>(given: Message | undefined, use: (message: Message) => Promise<T>): Promise<T> {
    if (given !== undefined) return use(given);
    using message = Message.forChannel(this);
    return await use(message);
  }
}
