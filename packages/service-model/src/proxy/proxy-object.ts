import {
  WS_E_INVALID_OPERATION,
  type WS_ENDPOINT_ADDRESS,
  WS_SERVICE_PROXY_STATE_CLOSED,
  WS_SERVICE_PROXY_STATE_CLOSING,
  WS_SERVICE_PROXY_STATE_CREATED,
  WS_SERVICE_PROXY_STATE_FAULTED,
  WS_SERVICE_PROXY_STATE_OPEN,
  WS_SERVICE_PROXY_STATE_OPENING,
} from "@wwsapi/core";
import { HandleBase, WsError } from "@wwsapi/core/internal";
import type { CallChannels, ChannelRecipe } from "./call-channels.js";
import type { PendingCall } from "./pending-call.js";
import type { ProxySettings } from "./proxy-settings.js";

const STATE_NAMES: Readonly<Record<number, string>> = {
  [WS_SERVICE_PROXY_STATE_CREATED]: "WS_SERVICE_PROXY_STATE_CREATED",
  [WS_SERVICE_PROXY_STATE_OPENING]: "WS_SERVICE_PROXY_STATE_OPENING",
  [WS_SERVICE_PROXY_STATE_OPEN]: "WS_SERVICE_PROXY_STATE_OPEN",
  [WS_SERVICE_PROXY_STATE_CLOSING]: "WS_SERVICE_PROXY_STATE_CLOSING",
  [WS_SERVICE_PROXY_STATE_CLOSED]: "WS_SERVICE_PROXY_STATE_CLOSED",
  [WS_SERVICE_PROXY_STATE_FAULTED]: "WS_SERVICE_PROXY_STATE_FAULTED",
};

export const proxyStateName = (state: number): string => STATE_NAMES[state] ?? `WS_SERVICE_PROXY_STATE ${state}`;

/**
 * WS_SERVICE_PROXY. Free-threaded: calls overlap, so the proxy keeps its own state (the states of
 * WS_SERVICE_PROXY_STATE) and its calls in flight rather than relying on the threading guard.
 */
export class ServiceProxyObject extends HandleBase<"WS_SERVICE_PROXY", "free"> {
  state: number = WS_SERVICE_PROXY_STATE_CREATED;
  address: WS_ENDPOINT_ADDRESS | null = null;
  /** The calls not yet completed: what WS_PROXY_PROPERTY_MAX_PENDING_CALLS counts. */
  readonly calls = new Set<PendingCall>();
  /** The I/O of WsOpenServiceProxy, which WsAbortServiceProxy cancels. */
  opening: Promise<unknown> | null = null;

  constructor(
    readonly recipe: ChannelRecipe,
    readonly settings: ProxySettings,
    readonly channels: CallChannels,
  ) {
    super("WS_SERVICE_PROXY", "free");
  }

  requireState(fn: string, ...allowed: number[]): void {
    if (allowed.includes(this.state)) return;
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the service proxy is in ${proxyStateName(this.state)}; ${fn} needs ${allowed.map(proxyStateName).join(" or ")}.`,
    );
  }
}

export const proxyObject = (proxy: unknown): ServiceProxyObject => proxy as ServiceProxyObject;
