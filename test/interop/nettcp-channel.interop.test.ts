import {
  WsAbortChannel,
  WsCreateMessageForChannel,
  WsFreeMessage,
  WsGetChannelProperty,
  WsReceiveMessageAsync,
  WsShutdownSessionChannelAsync,
} from "@wwsapi/channels";
import {
  ref,
  S_OK,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_CLOSED,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_ENCODING_XML_BINARY_SESSION_1,
  type WS_MESSAGE,
  WS_READ_REQUIRED_VALUE,
  WS_RECEIVE_OPTIONAL_MESSAGE,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_S_END,
  WS_TCP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type CalcServer, startTcpCalcServer } from "./channels/calc-server.js";
import { CalcChannel, type Correlation } from "./channels/channel-client.js";
import {
  ADD_REPLY,
  ADD_REQUEST,
  ECHO_BYTES_REPLY,
  ECHO_BYTES_REQUEST,
  ECHO_REPLY,
  ECHO_REQUEST,
  MISSING_REQUEST,
} from "./channels/contract.js";
import { describeWithPeers, type MonoServer, runMonoClient, startMonoServer } from "./peers/index.js";
import { ECHO_BYTES, ECHO_TEXT } from "./soap/calc.js";

/*
 * net.tcp with the channel layer: our WS_CHANNEL_TYPE_DUPLEX_SESSION client over
 * WS_TCP_CHANNEL_BINDING ([MC-NMF] duplex session, WS_ENCODING_XML_BINARY_SESSION_1 = [MC-NBFSE])
 * against Mono's NetTcpBinding(SecurityMode.None) server, and Mono's net.tcp client against our
 * listener (channels/calc-server.ts). Mono ends a session by closing the connection, without an End
 * record of its own, and sends no SOAP fault over net.tcp (tools/peers/README.md): both are checked
 * as what our channel makes of them.
 */

function property(channel: CalcChannel, id: number): unknown {
  const value = ref<unknown>(undefined);
  WsGetChannelProperty(channel.channel, id as never, value);
  return value.value;
}

describeWithPeers("our net.tcp duplex session channel → Mono NetTcpBinding server", ["mono"], () => {
  let mono: MonoServer;
  let channel: CalcChannel | undefined;
  beforeAll(async () => {
    mono = await startMonoServer();
  });
  afterAll(() => mono?.stop());
  afterEach(async () => {
    await channel?.close();
    channel = undefined;
  });

  const open = async () => {
    channel = await CalcChannel.open(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, mono.tcp, []);
    return channel;
  };

  it("makes several calls in one session (the session dictionaries carry across messages), then closes in order", async () => {
    const c = await open();
    expect(property(c, WS_CHANNEL_PROPERTY_ENCODING)).toBe(WS_ENCODING_XML_BINARY_SESSION_1);
    expect(await c.call(ADD_REQUEST, { a: 2, b: 3 }, ADD_REPLY)).toEqual({ AddResult: 5 });
    expect(await c.call(ECHO_REQUEST, { text: ECHO_TEXT }, ECHO_REPLY)).toEqual({ EchoResult: ECHO_TEXT });
    const bytes = await c.call<{ EchoBytesResult: Uint8Array }>(ECHO_BYTES_REQUEST, { data: ECHO_BYTES }, ECHO_BYTES_REPLY);
    expect(new Uint8Array(bytes.EchoBytesResult)).toEqual(ECHO_BYTES);
    // The same operations again: now their names come from the session's dynamic dictionary.
    const correlation: Correlation = {};
    expect(await c.call(ADD_REQUEST, { a: 40, b: 2 }, ADD_REPLY, correlation)).toEqual({ AddResult: 42 });
    expect(correlation.messageId).toMatch(/^urn:uuid:/);
    expect(correlation.relatesTo).toBe(correlation.messageId);
    expect(await c.call(ECHO_REQUEST, { text: "second" }, ECHO_REPLY)).toEqual({ EchoResult: "second" });
    // Our End record; Mono answers it by closing the connection (no End of its own), which the close accepts.
    expect(await c.closeInOrder()).toBe(S_OK);
    expect(property(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CLOSED);
  });

  it("aborts a session: the pending receive completes with WS_E_OPERATION_ABORTED, the channel is faulted, Mono serves the next session", async () => {
    const c = await open();
    expect(await c.call(ADD_REQUEST, { a: 1, b: 1 }, ADD_REPLY)).toEqual({ AddResult: 2 });
    // Mono sends nothing unasked: this receive waits until the abort.
    const message = ref<WS_MESSAGE | null>(null);
    WsCreateMessageForChannel(c.channel, null, message);
    try {
      const pending = WsReceiveMessageAsync(
        c.channel,
        message.value!,
        [ADD_REPLY],
        WS_RECEIVE_REQUIRED_MESSAGE,
        WS_READ_REQUIRED_VALUE,
        null,
        ref<unknown>(null),
        null,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      WsAbortChannel(c.channel);
      await expect(pending).rejects.toMatchObject({ hr: WS_E_OPERATION_ABORTED });
      expect(property(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
    } finally {
      WsFreeMessage(message.value!);
    }
    const next = await CalcChannel.open(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, mono.tcp, []);
    try {
      expect(await next.call(ADD_REQUEST, { a: 2, b: 3 }, ADD_REPLY)).toEqual({ AddResult: 5 });
    } finally {
      await next.close();
    }
  });
  it("shuts the session down (End); Mono closes without an End of its own, which the next receive takes as the session's end (WS_S_END)", async () => {
    const c = await open();
    expect(await c.call(ADD_REQUEST, { a: 2, b: 3 }, ADD_REPLY)).toEqual({ AddResult: 5 });
    expect(await WsShutdownSessionChannelAsync(c.channel)).toBe(S_OK);
    const message = ref<WS_MESSAGE | null>(null);
    WsCreateMessageForChannel(c.channel, null, message);
    try {
      const hr = await WsReceiveMessageAsync(
        c.channel,
        message.value!,
        [ADD_REPLY],
        WS_RECEIVE_OPTIONAL_MESSAGE,
        WS_READ_REQUIRED_VALUE,
        null,
        ref<unknown>(null),
        null,
      );
      expect(hr).toBe(WS_S_END);
    } finally {
      WsFreeMessage(message.value!);
    }
    expect(property(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_OPEN);
    expect(await c.closeInOrder()).toBe(S_OK);
  });

  it("gets no answer to an unknown action (Mono sends no fault over net.tcp): WS_E_OPERATION_TIMED_OUT, the channel faulted", async () => {
    // The peer limitation of tools/peers/README.md, as our channel sees it; over HTTP the same
    // request gets ActionNotSupported (channel-client.interop.test.ts). A Mono server of its own: on
    // CI, Mono once left the shared server's next preamble unanswered for 30 s after the earlier
    // tests' aborted and ended sessions (a Mono quirk this test is not about).
    const own = await startMonoServer();
    try {
      const c = await CalcChannel.open(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, own.tcp, [
        { id: WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT, value: 2000 },
      ]);
      channel = c;
      expect(await c.failure(MISSING_REQUEST, {}, ADD_REPLY)).toEqual({
        hr: WS_E_OPERATION_TIMED_OUT,
        strings: ["Receiving a message did not complete within 2000 ms (WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT)."],
        fault: null,
        action: "",
      });
      expect(property(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
      await c.close();
      channel = undefined;
    } finally {
      await own.stop();
    }
  });
});

describeWithPeers("Mono's net.tcp client → our net.tcp listener", ["mono"], () => {
  let server: CalcServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("serves Add, Echo and EchoBytes in one session, which Mono ends in order", async () => {
    server = await startTcpCalcServer();
    const result = await runMonoClient("tcp", server.url);
    expect(result.timedOut).toBe(false);
    expect(result.code, `${result.stdout}\n${result.stderr}\nserver errors: ${server.errors.join("\n")}`).toBe(0);
    expect(server.served).toEqual(["Add", "Echo", "EchoBytes"]);
    expect(server.faulted).toEqual([]);
    expect(server.errors).toEqual([]);
    // Mono's client closes the proxy: an End record, which our session sees as WS_S_END.
    for (let i = 0; i < 100 && server.sessions.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sessions).toEqual(["end"]);
  });

  it("serves two Mono clients one after the other", async () => {
    server = await startTcpCalcServer();
    for (const ops of ["add,echo", "bytes"]) {
      const result = await runMonoClient("tcp", server.url, ops);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    }
    expect(server.served).toEqual(["Add", "Echo", "EchoBytes"]);
    expect(server.errors).toEqual([]);
  });
});
