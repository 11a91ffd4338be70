import {
  type AsyncCompletion,
  type HRESULT,
  type WS_CHANNEL_BINDING,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  type WS_CHANNEL_STATE,
  WS_CHANNEL_STATE_CREATED,
  type WS_CHANNEL_TYPE,
  type WS_ENDPOINT_ADDRESS,
  type WS_MESSAGE,
  type WS_XML_READER,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { HandleBase } from "@wwsapi/core/internal";
import type { ChannelTransport, TransportMessage } from "../transport/channel-transport.js";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { INFINITE, settingName } from "./channel-settings.js";
import { abortReason, withSignal } from "./deadline.js";

/** The listener a channel was made for (WsCreateChannelForListener); the listener module implements it. */
export interface ChannelSource {
  readonly binding: WS_CHANNEL_BINDING;
  readonly channelType: WS_CHANNEL_TYPE;
}

/**
 * WS_CHANNEL. Free-threaded: sends and receives may overlap where the channel type allows (a
 * duplex session sends while it receives), so the channel keeps its own state rather than relying
 * on the threading guard. The state machine is WS_CHANNEL_STATE's; every function checks it and
 * fails with WS_E_INVALID_OPERATION outside the states its docs allow.
 */
export class ChannelObject extends HandleBase<"WS_CHANNEL", "free"> {
  state: WS_CHANNEL_STATE = WS_CHANNEL_STATE_CREATED;
  /** Aborted by WsAbortChannel (and reset / free); every pending operation's signal follows it. */
  aborter = new AbortController();
  transport: ChannelTransport | null = null;
  /** A transport open that WsOpenChannel did not wait for (bindings that open at once); the first operation awaits it. */
  pendingOpen: Promise<void> | null = null;
  encoder: MessageEncoder | null = null;
  remoteAddress: WS_ENDPOINT_ADDRESS | null = null;
  /** The URL the transport uses (WS_CHANNEL_PROPERTY_TRANSPORT_URL): the endpoint's, or the listener's for an accepted channel. */
  transportUrl: string | null = null;
  sessionShutDown = false;
  /** The message being written (WsWriteMessageStart .. End) and read (WsReadMessageStart .. End). */
  writing: WS_MESSAGE | null = null;
  reading: WS_MESSAGE | null = null;
  /** The XML writer and reader the channel lends to the message it writes or reads. */
  writer: WS_XML_WRITER | null = null;
  reader: WS_XML_READER | null = null;
  /** The message read last, kept until the next read (the reader points into its bytes). */
  lastReceived: TransportMessage | null = null;
  /** Operations in progress, which WsCloseChannel waits for. */
  readonly pending = new Set<Promise<unknown>>();
  /** For a reply channel: how many requests it has received (one per accepted channel over HTTP). */
  requestsReceived = 0;
  /** The transport applies the timeouts itself (binding-table.ts `timesItself`). */
  timesItself = false;

  constructor(
    readonly binding: WS_CHANNEL_BINDING,
    readonly channelType: WS_CHANNEL_TYPE,
    /** The settings as created; WsResetChannel goes back to `settings` as they stand (WsSetChannelProperty changes survive a reset on Windows). */
    readonly settings: Map<number, unknown>,
    readonly listener: ChannelSource | null,
  ) {
    super("WS_CHANNEL", "free");
  }

  setting<T>(id: number): T {
    return this.settings.get(id) as T;
  }

  get encoding(): number {
    return this.setting<number>(WS_CHANNEL_PROPERTY_ENCODING);
  }

  /** For the WS_MESSAGE layer (WsCreateMessageForChannel). */
  get envelopeVersion(): number {
    return this.setting<number>(WS_CHANNEL_PROPERTY_ENVELOPE_VERSION);
  }

  get addressingVersion(): number {
    return this.setting<number>(WS_CHANNEL_PROPERTY_ADDRESSING_VERSION);
  }

  /**
   * Runs one transport operation under the channel's abort signal and the timeout property
   * `timeoutId` (null: none; also none when WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS is FALSE), and tracks it so that
   * WsCloseChannel can wait for it.
   */
  run<T>(timeoutId: number | null, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout =
      timeoutId !== null && this.setting<boolean>(WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS) ? this.setting<number>(timeoutId) : INFINITE;
    const promise = withSignal(this.aborter.signal, timeout, timeoutId === null ? "" : settingName(timeoutId), what, work);
    this.pending.add(promise);
    const forget = () => {
      this.pending.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /**
   * The completion of an operation that waits, with the channel's WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL
   * (WS_LONG_CALLBACK by default): the model the caller's callback is invoked under.
   */
  complete(promise: Promise<HRESULT>): AsyncCompletion {
    const completion = promise as AsyncCompletion;
    completion.callbackModel = this.setting<number>(WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL);
    return completion;
  }

  /** Aborts every pending operation and the transport; the channel then needs a new controller to run again. */
  abortAll(what: string): void {
    const reason = abortReason(what);
    if (!this.aborter.signal.aborted) this.aborter.abort(reason);
    this.transport?.abort(reason);
  }
}

/** The channel object behind a WS_CHANNEL the generated API has checked. */
export function channelObject(channel: unknown): ChannelObject {
  return channel as ChannelObject;
}
