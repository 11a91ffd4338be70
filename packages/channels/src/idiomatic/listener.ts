import {
  ref,
  type WS_CHANNEL,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_TYPE,
  type WS_LISTENER,
  WS_LISTENER_PROPERTY_STATE,
  type WS_LISTENER_STATE,
} from "@wwsapi/core";
import { beginPromiseCall, throwOnFailure } from "@wwsapi/core/internal";
import {
  WsAbortListener,
  WsCreateChannelForListener,
  WsCreateListener,
  WsFreeChannel,
  WsFreeListener,
  WsGetListenerProperty,
} from "../gen/api.js";
import { WsAcceptChannelAsync, WsCloseListenerAsync, WsOpenListenerAsync } from "../gen/promises.js";
import { Channel, type ChannelCallOptions, type ChannelPropertyList } from "./channel.js";
import { withAbort } from "./signals.js";

/** WS_LISTENER, idiomatically: `await listener.open(url)`, then `await listener.accept()` per exchange. */
export class Listener implements AsyncDisposable {
  constructor(readonly handle: WS_LISTENER) {}

  static create(channelType: WS_CHANNEL_TYPE, binding: WS_CHANNEL_BINDING, properties: ChannelPropertyList = []): Listener {
    const listener = ref<WS_LISTENER | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateListener(channelType, binding, properties.map(([id, value]) => ({ id, value })) as never, null, listener));
    return new Listener(listener.value!);
  }

  get state(): WS_LISTENER_STATE {
    return this.property(WS_LISTENER_PROPERTY_STATE) as WS_LISTENER_STATE;
  }

  property(id: number): unknown {
    const value = ref<unknown>(null);
    beginPromiseCall();
    throwOnFailure(WsGetListenerProperty(this.handle, id as never, value));
    return value.value;
  }

  async open(url: string, options: ChannelCallOptions = {}): Promise<void> {
    await this.call(options, () => WsOpenListenerAsync(this.handle, url));
  }

  /** The next inbound channel (WsCreateChannelForListener + WsAcceptChannel); the channel's own properties apply to it. */
  async accept(options: ChannelCallOptions & { properties?: ChannelPropertyList } = {}): Promise<Channel> {
    const created = ref<WS_CHANNEL | null>(null);
    beginPromiseCall();
    throwOnFailure(
      WsCreateChannelForListener(this.handle, (options.properties ?? []).map(([id, value]) => ({ id, value })) as never, created),
    );
    const channel = created.value!;
    try {
      await this.call(options, () => WsAcceptChannelAsync(this.handle, channel));
    } catch (thrown) {
      WsFreeChannel(channel);
      throw thrown;
    }
    return new Channel(channel);
  }

  async close(options: ChannelCallOptions = {}): Promise<void> {
    await this.call(options, () => WsCloseListenerAsync(this.handle));
  }

  abort(): void {
    beginPromiseCall();
    throwOnFailure(WsAbortListener(this.handle));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.handle.freed) return;
    await this.close().catch(() => this.abort());
    WsFreeListener(this.handle);
  }

  private call<T>(options: ChannelCallOptions, call: () => Promise<T>): Promise<T> {
    return withAbort(options.signal, () => WsAbortListener(this.handle), call);
  }
}
