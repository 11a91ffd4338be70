import { setMaxListeners } from "node:events";
import {
  type AsyncCompletion,
  type HRESULT,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_TYPE,
  WS_E_INVALID_OPERATION,
  WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL,
  type WS_LISTENER_STATE,
  WS_LISTENER_STATE_CLOSED,
  WS_LISTENER_STATE_CLOSING,
  WS_LISTENER_STATE_CREATED,
  WS_LISTENER_STATE_FAULTED,
  WS_LISTENER_STATE_OPEN,
  WS_LISTENER_STATE_OPENING,
} from "@wwsapi/core";
import { HandleBase, WsError } from "@wwsapi/core/internal";
import { INFINITE } from "../channel/channel-settings.js";
import { abortReason, withSignal } from "../channel/deadline.js";
import type { ListenerTransport } from "../transport/channel-transport.js";
import { listenerSettingName } from "./listener-settings.js";

const NAMES: Readonly<Record<number, string>> = {
  [WS_LISTENER_STATE_CREATED]: "WS_LISTENER_STATE_CREATED",
  [WS_LISTENER_STATE_OPENING]: "WS_LISTENER_STATE_OPENING",
  [WS_LISTENER_STATE_OPEN]: "WS_LISTENER_STATE_OPEN",
  [WS_LISTENER_STATE_FAULTED]: "WS_LISTENER_STATE_FAULTED",
  [WS_LISTENER_STATE_CLOSING]: "WS_LISTENER_STATE_CLOSING",
  [WS_LISTENER_STATE_CLOSED]: "WS_LISTENER_STATE_CLOSED",
};

export const listenerStateName = (state: number): string => NAMES[state] ?? `WS_LISTENER_STATE ${state}`;

/** WS_LISTENER: free-threaded (several WsAcceptChannel calls may be pending at once). */
export class ListenerObject extends HandleBase<"WS_LISTENER", "free"> {
  state: WS_LISTENER_STATE = WS_LISTENER_STATE_CREATED;
  #aborter = unlimited(new AbortController());
  transport: ListenerTransport | null = null;
  url: string | null = null;
  readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly binding: WS_CHANNEL_BINDING,
    readonly channelType: WS_CHANNEL_TYPE,
    readonly settings: Map<number, unknown>,
  ) {
    super("WS_LISTENER", "free");
  }

  /** Aborts every pending operation of the listener (WsAbortListener, WsCloseListener for its accepts). */
  get aborter(): AbortController {
    return this.#aborter;
  }

  set aborter(controller: AbortController) {
    this.#aborter = unlimited(controller);
  }

  setting<T>(id: number): T {
    return this.settings.get(id) as T;
  }

  /** Runs a transport operation under the listener's abort signal and the timeout property `timeoutId` (null: none). */
  run<T>(timeoutId: number | null, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout = timeoutId === null ? INFINITE : this.setting<number>(timeoutId);
    const promise = withSignal(this.aborter.signal, timeout, timeoutId === null ? "" : listenerSettingName(timeoutId), what, work);
    this.pending.add(promise);
    const forget = () => {
      this.pending.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** An operation's completion with the listener's WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL. */
  complete(promise: Promise<HRESULT>): AsyncCompletion {
    const completion = promise as AsyncCompletion;
    completion.callbackModel = this.setting<number>(WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL);
    return completion;
  }

  abortAll(what: string): void {
    const reason = abortReason(what);
    if (!this.aborter.signal.aborted) this.aborter.abort(reason);
    this.transport?.abort(reason);
  }
}

/**
 * Every pending WsAcceptChannel (a service host keeps one per channel it may serve at once, 32 by
 * default and more when configured) holds one "abort" listener on the listener's signal until it
 * completes (channel/deadline.ts removes it): legitimately more than Node's default of 10, so the
 * MaxListenersExceededWarning would be a false alarm here.
 */
function unlimited(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

export function listenerObject(listener: unknown): ListenerObject {
  return listener as ListenerObject;
}

export function requireListenerState(functionName: string, listener: ListenerObject, ...allowed: number[]): void {
  if (allowed.includes(listener.state)) return;
  throw new WsError(
    WS_E_INVALID_OPERATION,
    `${functionName}: the listener is in ${listenerStateName(listener.state)}; ${functionName} needs ${allowed.map(listenerStateName).join(" or ")}.`,
  );
}
