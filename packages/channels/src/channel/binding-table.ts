import type { WS_CHANNEL_BINDING, WS_CHANNEL_TYPE, WS_ENDPOINT_ADDRESS } from "@wwsapi/core";
import type { ChannelTransport, ListenerTransport } from "../transport/channel-transport.js";
import { DEFAULT_BINDINGS } from "./bindings.js";

/** What a transport is told about the channel it serves. */
export interface ChannelTransportContext {
  readonly binding: WS_CHANNEL_BINDING;
  readonly channelType: WS_CHANNEL_TYPE;
  /** The address WsOpenChannel was given (client channels). */
  readonly address: WS_ENDPOINT_ADDRESS;
  /** The value of a WS_CHANNEL_PROPERTY setting (timeouts, sizes, HTTP proxy, keep-alives ...), its default when not given. */
  setting(id: number): unknown;
}

/** What a listener transport is told about its listener. */
export interface ListenerTransportContext {
  readonly binding: WS_CHANNEL_BINDING;
  readonly channelType: WS_CHANNEL_TYPE;
  /** The value of a WS_LISTENER_PROPERTY setting (backlog, IP version, timeouts ...). */
  setting(id: number): unknown;
}

export interface ChannelBindingEntry {
  /** Makes the transport of a client channel (WsOpenChannel). */
  readonly createChannel?: (context: ChannelTransportContext) => ChannelTransport;
  /** Makes the transport of a listener (WsOpenListener); WsAcceptChannel gets channel transports from it. */
  readonly createListener?: (context: ListenerTransportContext) => ListenerTransport;
  /**
   * True when opening the client channel does no I/O (HTTP request channels connect on the first
   * request): WsOpenChannel then completes at once, even without a WS_ASYNC_CONTEXT, as it does on
   * Windows, and the transport's open() is awaited by the first operation instead.
   */
  readonly opensAtOnce?: boolean;
  /**
   * True when the transport applies the channel's timeouts itself, phase by phase (it reads them
   * through `setting`): the core then gives its operations only the abort signal, so that one
   * operation spanning several phases (an HTTP send that waits for the response head) is not cut
   * by a single property's timeout.
   */
  readonly timesItself?: boolean;
  /**
   * What the listener transport's accept takes as its second argument for the channel being
   * accepted (its WS_CHANNEL_PROPERTY settings: size quotas, timeouts), read from that channel.
   */
  readonly acceptOptions?: (channel: { setting(id: number): unknown }) => unknown;
}

/**
 * The binding dispatch: which transport serves a (WS_CHANNEL_BINDING, WS_CHANNEL_TYPE) pair. The
 * HTTP, net.tcp and UDP transports have their rows in bindings.ts (DEFAULT_BINDINGS); a pair without a row is
 * E_NOTIMPL at WsCreateChannel / WsCreateListener time.
 */
const table = new Map<string, ChannelBindingEntry>();
let seeded = false;

const key = (binding: number, channelType: number) => `${binding}/${channelType}`;

/** Loads DEFAULT_BINDINGS once, before the first registration or lookup, so registrations made later win. */
function seed(): void {
  if (seeded) return;
  seeded = true;
  for (const row of DEFAULT_BINDINGS) for (const type of row.channelTypes) table.set(key(row.binding, type), row.entry);
}

/**
 * Adds (or replaces) the row for `binding` and each of `channelTypes`; returns a function that puts
 * back what was there, for tests that substitute a transport.
 */
export function registerBinding(
  binding: WS_CHANNEL_BINDING,
  channelTypes: readonly WS_CHANNEL_TYPE[],
  entry: ChannelBindingEntry,
): () => void {
  seed();
  const previous = channelTypes.map((type) => [type, table.get(key(binding, type))] as const);
  for (const type of channelTypes) table.set(key(binding, type), entry);
  return () => {
    for (const [type, old] of previous) {
      if (old === undefined) table.delete(key(binding, type));
      else table.set(key(binding, type), old);
    }
  };
}

export function bindingEntry(binding: number, channelType: number): ChannelBindingEntry | undefined {
  seed();
  return table.get(key(binding, channelType));
}
