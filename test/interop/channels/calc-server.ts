import {
  WsAbortChannel,
  WsAbortListener,
  WsAcceptChannelAsync,
  WsCloseChannelAsync,
  WsCloseListenerAsync,
  WsCreateChannelForListener,
  WsCreateListener,
  WsCreateMessageForChannel,
  WsFreeChannel,
  WsFreeListener,
  WsFreeMessage,
  WsOpenListenerAsync,
  WsReceiveMessageAsync,
  WsResetChannel,
  WsSendFaultMessageForErrorAsync,
  WsSendReplyMessageAsync,
} from "@wwsapi/channels";
import type { ListenerObject } from "@wwsapi/channels/internal";
import {
  ref,
  S_OK,
  type WS_CHANNEL,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  type WS_ERROR,
  WS_FULL_FAULT_DISCLOSURE,
  type WS_HEAP,
  WS_HTTP_CHANNEL_BINDING,
  type WS_LISTENER,
  type WS_MESSAGE,
  WS_READ_REQUIRED_VALUE,
  WS_RECEIVE_OPTIONAL_MESSAGE,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_S_END,
  WS_TCP_CHANNEL_BINDING,
  WS_WRITE_REQUIRED_VALUE,
  WsCreateError,
  WsCreateHeap,
  WsFreeError,
  WsFreeHeap,
} from "@wwsapi/core";
import type { ChannelProperty } from "./channel-client.js";
import { errorStrings } from "./channel-client.js";
import { ADD_REPLY, ECHO_BYTES_REPLY, ECHO_REPLY, REQUESTS } from "./contract.js";

/**
 * A small Calculator server written with the channel functions only: WsCreateListener,
 * WsOpenListenerAsync, WsCreateChannelForListener, WsAcceptChannelAsync, WsReceiveMessageAsync with
 * the three request descriptions (the index says which arrived), WsSendReplyMessageAsync, and
 * WsSendFaultMessageForErrorAsync when a request cannot be read. HTTP: one request per accepted
 * reply channel, then WsCloseChannel + WsResetChannel and the next accept; net.tcp: each accepted
 * duplex session is served until the peer ends it (WS_S_END). A few workers accept at once.
 */

export interface CalcServer {
  /** The listener's URL with its real port. */
  readonly url: string;
  readonly port: number;
  /** The operations served, in order ("Add", "Echo", "EchoBytes"). */
  readonly served: string[];
  /** Requests answered with a fault (the WS_ERROR strings of the failed receive). */
  readonly faulted: string[][];
  /** Sessions (net.tcp) or exchanges (HTTP) that ended with an error, as strings, for failure messages. */
  readonly errors: string[];
  /** Sessions that ended (net.tcp): "end" when the peer ended it in order (WS_S_END), else the error. */
  readonly sessions: string[];
  /** Aborts and frees everything; resolves when every worker has stopped. */
  stop(): Promise<void>;
}

const OPS = ["Add", "Echo", "EchoBytes"] as const;
const REPLIES = [ADD_REPLY, ECHO_REPLY, ECHO_BYTES_REPLY] as const;

/** The reply value for the request value of operation `index`. */
function compute(index: number, value: Record<string, unknown>): unknown {
  switch (index) {
    case 0:
      return { AddResult: (value.a as number) + (value.b as number) };
    case 1:
      return { EchoResult: value.text };
    default:
      return { EchoBytesResult: value.data };
  }
}

function check(hr: number, what: string): void {
  if (hr !== S_OK) throw new Error(`${what} returned 0x${(hr >>> 0).toString(16)}`);
}

function newMessage(channel: WS_CHANNEL): WS_MESSAGE {
  const message = ref<WS_MESSAGE | null>(null);
  check(WsCreateMessageForChannel(channel, null, message), "WsCreateMessageForChannel");
  return message.value!;
}

const messageOf = (thrown: unknown) => `${(thrown as Error).message ?? String(thrown)}`;

/**
 * Receives one request and answers it; resolves false when the session has ended (WS_S_END, only
 * with `optional`).
 */
async function serveOne(channel: WS_CHANNEL, server: CalcServer, optional: boolean): Promise<boolean> {
  const request = newMessage(channel);
  const reply = newMessage(channel);
  const heap = ref<WS_HEAP | null>(null);
  check(WsCreateHeap(1 << 20, 0, null, heap), "WsCreateHeap");
  const error = ref<WS_ERROR | null>(null);
  check(WsCreateError(null, error), "WsCreateError");
  try {
    const value = ref<unknown>(null);
    const index = ref(0);
    let hr: number;
    try {
      hr = await WsReceiveMessageAsync(
        channel,
        request,
        REQUESTS,
        optional ? WS_RECEIVE_OPTIONAL_MESSAGE : WS_RECEIVE_REQUIRED_MESSAGE,
        WS_READ_REQUIRED_VALUE,
        heap.value,
        value,
        index,
        error.value,
      );
    } catch (thrown) {
      // A request that arrived but could not be read (unknown action, bad body) gets a fault, as a
      // WWSAPI service answers it. When the peer went away instead, sending the fault fails too
      // and the caller records the error.
      const strings = errorStrings(error.value!);
      const failedWith = (thrown as { hr?: number }).hr ?? 0;
      server.faulted.push(strings);
      await WsSendFaultMessageForErrorAsync(channel, reply, error.value!, failedWith, WS_FULL_FAULT_DISCLOSURE, request);
      return true;
    }
    if (hr === WS_S_END) return false;
    server.served.push(OPS[index.value]!);
    const answer = compute(index.value, value.value as Record<string, unknown>);
    await WsSendReplyMessageAsync(channel, reply, REPLIES[index.value]!, WS_WRITE_REQUIRED_VALUE, answer, request);
    return true;
  } finally {
    WsFreeMessage(request);
    WsFreeMessage(reply);
    WsFreeHeap(heap.value!);
    WsFreeError(error.value!);
  }
}

async function startServer(
  binding: typeof WS_HTTP_CHANNEL_BINDING | typeof WS_TCP_CHANNEL_BINDING,
  url: string,
  properties: readonly ChannelProperty[],
  workers: number,
): Promise<CalcServer> {
  const session = binding === WS_TCP_CHANNEL_BINDING;
  const created = ref<WS_LISTENER | null>(null);
  check(
    WsCreateListener(session ? WS_CHANNEL_TYPE_DUPLEX_SESSION : WS_CHANNEL_TYPE_REPLY, binding, null, null, created),
    "WsCreateListener",
  );
  const listener = created.value!;
  try {
    await WsOpenListenerAsync(listener, url);
  } catch (error) {
    WsFreeListener(listener);
    throw error;
  }
  // There is no listener property for the port chosen for port 0: the transport knows it.
  const transport = (listener as unknown as ListenerObject).transport as unknown as { port: number };
  const port = transport.port;
  const realUrl = url.replace(":0/", `:${port}/`);
  let stopping = false;
  const channels: WS_CHANNEL[] = [];
  const server: CalcServer = {
    url: realUrl,
    port,
    served: [],
    faulted: [],
    errors: [],
    sessions: [],
    stop: async () => {
      stopping = true;
      WsAbortListener(listener);
      for (const channel of channels) WsAbortChannel(channel);
      await Promise.allSettled(running);
      for (const channel of channels) WsFreeChannel(channel);
      await WsCloseListenerAsync(listener).catch(() => {});
      WsFreeListener(listener);
    },
  };

  async function worker(): Promise<void> {
    const made = ref<WS_CHANNEL | null>(null);
    check(WsCreateChannelForListener(listener, properties.length === 0 ? null : (properties as never), made), "WsCreateChannelForListener");
    const channel = made.value!;
    channels.push(channel);
    // Bounded: a test makes a handful of calls.
    for (let exchanges = 0; !stopping && exchanges < 10_000; exchanges++) {
      try {
        await WsAcceptChannelAsync(listener, channel);
      } catch (thrown) {
        if (!stopping) server.errors.push(`accept: ${messageOf(thrown)}`);
        return;
      }
      try {
        if (session) {
          let more = true;
          for (let i = 0; more && i < 1000; i++) more = await serveOne(channel, server, true);
          server.sessions.push(more ? "more than 1000 messages" : "end");
        } else {
          await serveOne(channel, server, false);
        }
        await WsCloseChannelAsync(channel);
      } catch (thrown) {
        if (stopping) return;
        if (session) server.sessions.push(messageOf(thrown));
        server.errors.push(messageOf(thrown));
        WsAbortChannel(channel);
        await WsCloseChannelAsync(channel).catch(() => {});
      }
      WsResetChannel(channel);
    }
  }
  const running = Array.from({ length: workers }, () => worker());
  return server;
}

/** A Calculator on an HTTP listener at http://127.0.0.1:<ephemeral>`path` whose reply channels have `properties`. */
export function startHttpCalcServer(properties: readonly ChannelProperty[], workers = 3, path = "/calc"): Promise<CalcServer> {
  return startServer(WS_HTTP_CHANNEL_BINDING, `http://127.0.0.1:0${path}`, properties, workers);
}

/** A Calculator on a net.tcp listener at net.tcp://127.0.0.1:<ephemeral>/calc/tcp (duplex sessions, binary session encoding). */
export function startTcpCalcServer(properties: readonly ChannelProperty[] = [], workers = 2): Promise<CalcServer> {
  return startServer(WS_TCP_CHANNEL_BINDING, "net.tcp://127.0.0.1:0/calc/tcp", properties, workers);
}
