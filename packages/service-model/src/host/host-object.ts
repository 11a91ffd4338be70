import {
  type WS_CHANNEL,
  type WS_CHANNEL_PROPERTY,
  WS_E_INVALID_OPERATION,
  type WS_LISTENER,
  type WS_SERVICE_ENDPOINT,
  WS_SERVICE_HOST_STATE_CLOSED,
  WS_SERVICE_HOST_STATE_CLOSING,
  WS_SERVICE_HOST_STATE_CREATED,
  WS_SERVICE_HOST_STATE_FAULTED,
  WS_SERVICE_HOST_STATE_OPEN,
  WS_SERVICE_HOST_STATE_OPENING,
} from "@wwsapi/core";
import { HandleBase, WsError } from "@wwsapi/core/internal";
import type { OperationPlan } from "../call/body-layout.js";
import type { OperationContextObject } from "../operation-context/index.js";
import type { EndpointSettings } from "./endpoint-settings.js";
import type { HostSettings } from "./host-settings.js";

const STATE_NAMES: Readonly<Record<number, string>> = {
  [WS_SERVICE_HOST_STATE_CREATED]: "WS_SERVICE_HOST_STATE_CREATED",
  [WS_SERVICE_HOST_STATE_OPENING]: "WS_SERVICE_HOST_STATE_OPENING",
  [WS_SERVICE_HOST_STATE_OPEN]: "WS_SERVICE_HOST_STATE_OPEN",
  [WS_SERVICE_HOST_STATE_CLOSING]: "WS_SERVICE_HOST_STATE_CLOSING",
  [WS_SERVICE_HOST_STATE_CLOSED]: "WS_SERVICE_HOST_STATE_CLOSED",
  [WS_SERVICE_HOST_STATE_FAULTED]: "WS_SERVICE_HOST_STATE_FAULTED",
};

export const hostStateName = (state: number): string => STATE_NAMES[state] ?? `WS_SERVICE_HOST_STATE ${state}`;

/** One endpoint as the host runs it: its listener, its operations by action, its channels. */
export class EndpointRuntime {
  listener: WS_LISTENER | null = null;
  /** Accepted channels being served, which WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNELS bounds. */
  readonly served = new Set<WS_CHANNEL>();
  /** Served channels waiting for their next request (an idle session), which WsCloseServiceHost ends. */
  readonly waiting = new Set<WS_CHANNEL>();
  /** Channels waiting in WsAcceptChannel. */
  readonly accepting = new Set<WS_CHANNEL>();
  /** Accept loops waiting for a served channel to end (MAX_CHANNELS reached). */
  readonly slotWaiters: (() => void)[] = [];

  constructor(
    readonly endpoint: WS_SERVICE_ENDPOINT,
    readonly settings: EndpointSettings,
    /** The operations of the contract, in the order of the contract (and of its method table). */
    readonly plans: readonly OperationPlan[],
    readonly channelProperties: readonly WS_CHANNEL_PROPERTY[],
  ) {}

  /** A served channel ended: one waiting accept loop may go on. */
  releaseSlot(): void {
    this.slotWaiters.shift()?.();
  }
}

/**
 * WS_SERVICE_HOST. Free-threaded; its own state machine is WS_SERVICE_HOST_STATE's. `work` tracks
 * every accept loop and served channel, which WsCloseServiceHost waits for; `operations` the
 * operations running, which abort and close cancel (WsRegisterOperationForCancel).
 */
export class ServiceHostObject extends HandleBase<"WS_SERVICE_HOST", "free"> {
  state: number = WS_SERVICE_HOST_STATE_CREATED;
  readonly work = new Set<Promise<unknown>>();
  readonly operations = new Set<OperationContextObject>();
  /** The operations being dispatched (from request to reply), which WsCloseServiceHost waits for. */
  readonly inFlight = new Set<Promise<void>>();
  /** Fired by WsAbortServiceHost: every pending wait of the host ends. */
  aborter = new AbortController();

  constructor(
    readonly settings: HostSettings,
    readonly endpoints: readonly EndpointRuntime[],
  ) {
    super("WS_SERVICE_HOST", "free");
  }

  requireState(fn: string, ...allowed: number[]): void {
    if (allowed.includes(this.state)) return;
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the service host is in ${hostStateName(this.state)}; ${fn} needs ${allowed.map(hostStateName).join(" or ")}.`,
    );
  }

  track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => {});
    this.work.add(tracked);
    tracked.then(() => this.work.delete(tracked));
  }
}

export const hostObject = (host: unknown): ServiceHostObject => host as ServiceHostObject;
