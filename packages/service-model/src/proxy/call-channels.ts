import { channelsImplementation as channels } from "@wwsapi/channels/internal";
import {
  type HRESULT,
  ref,
  type WS_CHANNEL,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_OPEN,
  type WS_CHANNEL_TYPE,
  type WS_ENDPOINT_ADDRESS,
  type WS_SECURITY_DESCRIPTION,
} from "@wwsapi/core";
import type { AsyncCompletion } from "@wwsapi/core/internal";
import { completion, INTERNAL_ASYNC, settleQuietly } from "../call/completion.js";

/**
 * The channels a service proxy makes its calls on ("Service Proxy and Sessions"): "if the
 * underlying channel binding is session based … a single channel is used to service calls.
 * However, if the channel binding is not session based, the service proxy creates a separate
 * channel for each call. Note, though, that non-session-based channels are pooled and maybe
 * reused … once a channel is opened it is kept open as long as the service proxy is open and is
 * closed only when the service proxy is closed."
 *
 * On the session channel the exchanges run one after another (a request, then its reply), so that
 * each reply is read by the call that sent its request; a call that timed out or was abandoned
 * keeps its place until its reply has come.
 */
export interface CallChannels {
  /** True for a session binding, whose channel faulting faults the proxy. */
  readonly session: boolean;
  /** WsOpenServiceProxy's I/O: the session's connection, or the first pooled channel. */
  open(address: WS_ENDPOINT_ADDRESS, asyncContext: boolean): HRESULT | AsyncCompletion;
  /** Runs one exchange on a channel (a failed exchange gives up a pooled channel). */
  run<T>(work: (channel: WS_CHANNEL) => Promise<T>): Promise<T>;
  /** True when the session channel is no longer open (pooled channels: never). */
  faulted(): boolean;
  /** Cancels all pending I/O (WsAbortServiceProxy). */
  abort(): void;
  /** Closes every channel (WsCloseServiceProxy). */
  close(): Promise<void>;
  /** Frees every channel; with `recreate` (WsResetServiceProxy) a new one is made for the next open. */
  free(recreate: boolean): void;
}

export interface ChannelRecipe {
  readonly channelType: WS_CHANNEL_TYPE;
  readonly binding: WS_CHANNEL_BINDING;
  readonly securityDescription: WS_SECURITY_DESCRIPTION | null;
  readonly properties: readonly WS_CHANNEL_PROPERTY[];
}

/** A new channel (WsCreateChannel); its properties are checked here, so a bad one fails WsCreateServiceProxy. */
export function createChannel(recipe: ChannelRecipe): WS_CHANNEL {
  const channel = ref<WS_CHANNEL | null>(null);
  channels.WsCreateChannel(recipe.channelType, recipe.binding, recipe.properties, recipe.securityDescription, channel, null);
  return channel.value!;
}

function isOpen(channel: WS_CHANNEL): boolean {
  const state = ref<unknown>(null);
  channels.WsGetChannelProperty(channel, WS_CHANNEL_PROPERTY_STATE, state, null);
  return state.value === WS_CHANNEL_STATE_OPEN;
}

function closeAndFree(channel: WS_CHANNEL): Promise<void> {
  let closing: Promise<unknown>;
  try {
    closing = completion(channels.WsCloseChannel(channel, INTERNAL_ASYNC, null));
  } catch {
    closing = Promise.resolve();
  }
  return closing.then(
    () => channels.WsFreeChannel(channel),
    () => channels.WsFreeChannel(channel),
  );
}

function abortAndFree(channel: WS_CHANNEL): void {
  channels.WsAbortChannel(channel, null);
  void closeAndFree(channel);
}

class SessionChannels implements CallChannels {
  readonly session = true;
  #channel: WS_CHANNEL;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly recipe: ChannelRecipe) {
    this.#channel = createChannel(recipe);
  }

  open(address: WS_ENDPOINT_ADDRESS, asyncContext: boolean): HRESULT | AsyncCompletion {
    return channels.WsOpenChannel(this.#channel, address, asyncContext ? INTERNAL_ASYNC : null, null);
  }

  run<T>(work: (channel: WS_CHANNEL) => Promise<T>): Promise<T> {
    const channel = this.#channel;
    const result = this.#tail.then(() => work(channel));
    this.#tail = result.catch(() => {});
    return result;
  }

  faulted(): boolean {
    return !isOpen(this.#channel);
  }

  abort(): void {
    channels.WsAbortChannel(this.#channel, null);
  }

  async close(): Promise<void> {
    await completion(channels.WsCloseChannel(this.#channel, INTERNAL_ASYNC, null)).catch(() => {});
  }

  free(recreate: boolean): void {
    channels.WsAbortChannel(this.#channel, null);
    channels.WsFreeChannel(this.#channel);
    if (recreate) this.#channel = createChannel(this.recipe);
    this.#tail = Promise.resolve();
  }
}

class PooledChannels implements CallChannels {
  readonly session = false;
  #address: WS_ENDPOINT_ADDRESS | null = null;
  /** Open channels waiting for a call, at most `maxIdle`. */
  readonly #idle: WS_CHANNEL[] = [];
  /** Channels an exchange is using. */
  readonly #busy = new Set<WS_CHANNEL>();
  #first: WS_CHANNEL | null;

  constructor(
    private readonly recipe: ChannelRecipe,
    private readonly maxIdle: number,
  ) {
    this.#first = createChannel(recipe);
  }

  open(address: WS_ENDPOINT_ADDRESS, asyncContext: boolean): HRESULT | AsyncCompletion {
    this.#address = address;
    const first = this.#first ?? createChannel(this.recipe);
    this.#first = null;
    const opened = channels.WsOpenChannel(first, address, asyncContext ? INTERNAL_ASYNC : null, null);
    if (typeof opened === "number") {
      this.#idle.push(first);
      return opened;
    }
    return completion(opened).then(
      (hr) => {
        this.#idle.push(first);
        return hr;
      },
      (thrown: unknown) => {
        abortAndFree(first);
        throw thrown;
      },
    );
  }

  async #take(): Promise<WS_CHANNEL> {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    const channel = createChannel(this.recipe);
    try {
      await completion(channels.WsOpenChannel(channel, this.#address!, INTERNAL_ASYNC, null));
    } catch (thrown) {
      abortAndFree(channel);
      throw thrown;
    }
    return channel;
  }

  async run<T>(work: (channel: WS_CHANNEL) => Promise<T>): Promise<T> {
    const channel = await this.#take();
    this.#busy.add(channel);
    try {
      const result = await work(channel);
      this.#giveBack(channel);
      return result;
    } catch (thrown) {
      this.#busy.delete(channel);
      abortAndFree(channel);
      throw thrown;
    }
  }

  #giveBack(channel: WS_CHANNEL): void {
    this.#busy.delete(channel);
    if (this.#address !== null && isOpen(channel) && this.#idle.length < this.maxIdle) this.#idle.push(channel);
    else settleQuietly(closeAndFree(channel));
  }

  faulted(): boolean {
    return false;
  }

  abort(): void {
    for (const channel of [...this.#busy, ...this.#idle]) channels.WsAbortChannel(channel, null);
  }

  async close(): Promise<void> {
    const idle = this.#idle.splice(0);
    this.#address = null;
    await Promise.all(idle.map(closeAndFree));
  }

  free(recreate: boolean): void {
    this.abort();
    for (const channel of this.#idle.splice(0)) channels.WsFreeChannel(channel);
    this.#address = null;
    if (this.#first !== null) channels.WsFreeChannel(this.#first);
    this.#first = recreate ? createChannel(this.recipe) : null;
  }
}

/** Session bindings (net.tcp duplex sessions) share one channel; the others pool theirs. */
export function callChannels(recipe: ChannelRecipe, session: boolean, maxIdle: number): CallChannels {
  return session ? new SessionChannels(recipe) : new PooledChannels(recipe, maxIdle);
}
