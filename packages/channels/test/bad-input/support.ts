import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import {
  ref,
  WS_ADDRESSING_VERSION_1_0,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_TYPE_REPLY,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  type WS_ERROR,
  WS_FULL_FAULT_DISCLOSURE,
  WS_HTTP_CHANNEL_BINDING,
  type WS_LISTENER,
  WS_READ_REQUIRED_POINTER,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_WRITE_REQUIRED_POINTER,
  WsFreeError,
  WsFreeHeap,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import {
  ADD_ELEMENT,
  ADD_REPLY,
  ADD_REQUEST,
  channelFor,
  errorString,
  listener,
  messageFor,
  newError,
  newHeap,
} from "../../src/channel/channel.test-support.js";
import {
  WsAbortChannel,
  WsAcceptChannelAsync,
  WsCheckMustUnderstandHeaders,
  WsCloseChannelAsync,
  WsCloseListenerAsync,
  WsFreeChannel,
  WsFreeListener,
  WsFreeMessage,
  WsGetChannelProperty,
  WsOpenListenerAsync,
  WsReadBody,
  WsReadMessageEndAsync,
  WsReadMessageStartAsync,
  WsReceiveMessageAsync,
  WsSendFaultMessageForErrorAsync,
  WsSendReplyMessageAsync,
} from "../../src/index.js";
import { listenerObject } from "../../src/listener/listener-object.js";

/**
 * The bad-input tests' tools: a served HTTP listener with a WWSAPI-style application loop, raw
 * node:http / node:net clients, and checks that nothing is left open.
 */

export type Props = { id: number; value: unknown }[];

export const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
export const WSA10 = "http://www.w3.org/2005/08/addressing";
export const ADD_ACTION = "http://tempuri.org/ICalculator/Add";
export const SOAP12_TYPE = "application/soap+xml; charset=utf-8";
export const SOAP11_TYPE = "text/xml; charset=utf-8";

/** The reply channel properties of the variants served. */
export const SOAP11_WSA10: Props = [
  { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
  { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_1_0 },
];

/** What the serving application saw for one request. */
export interface Outcome {
  readonly hr: number | null;
  readonly message: string;
}

/**
 * An HTTP listener on 127.0.0.1:0 with an application loop that does what a WWSAPI service does with
 * a reply channel: accept, WsReceiveMessage (Add), answer the sum; when the receive fails, answer
 * with WsSendFaultMessageForError (full disclosure) if the channel can still answer, then close (or
 * abort what cannot be closed). Each accepted channel is served on its own, so a stalled request
 * never blocks the next.
 */
export interface Service {
  readonly url: string;
  readonly l: WS_LISTENER;
  readonly outcomes: Outcome[];
  /** Resolves with the next outcome. */
  next(): Promise<Outcome>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT of the reply channels (ms). */
  readonly receiveTimeout?: number;
  /** Accept loops running at once. */
  readonly accepting?: number;
  /**
   * "receive": WsReceiveMessage with the Add description. "check": WsReadMessageStart, then
   * WsCheckMustUnderstandHeaders, WsReadBody and WsReadMessageEnd.
   */
  readonly mode?: "receive" | "check";
}

export async function startService(props: Props = [], options: ServiceOptions = {}): Promise<Service> {
  const { receiveTimeout = 2000, accepting = 4, mode = "receive" } = options;
  const l = listener(WS_CHANNEL_TYPE_REPLY, WS_HTTP_CHANNEL_BINDING);
  await WsOpenListenerAsync(l, "http://127.0.0.1:0/calc");
  const url = (listenerObject(l).transport as unknown as { url: string }).url;
  const outcomes: Outcome[] = [];
  const waiting: ((o: Outcome) => void)[] = [];
  let delivered = 0;
  const record = (o: Outcome) => {
    outcomes.push(o);
    const w = waiting.shift();
    if (w !== undefined) {
      delivered++;
      w(o);
    }
  };
  let open = true;
  const channelProps = [...props, { id: WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT, value: receiveTimeout }];
  const serving = new Set<Promise<void>>();
  const loop = async () => {
    while (open) {
      const reply = channelFor(l, channelProps);
      try {
        await WsAcceptChannelAsync(l, reply);
      } catch {
        WsFreeChannel(reply);
        return;
      }
      const one = serveOne(reply, record, mode);
      serving.add(one);
      void one.finally(() => serving.delete(one));
    }
  };
  const loops = Array.from({ length: accepting }, loop);
  return {
    url,
    l,
    outcomes,
    next() {
      if (delivered < outcomes.length) return Promise.resolve(outcomes[delivered++]!);
      return new Promise((resolve) => waiting.push(resolve));
    },
    async close() {
      if (!open) return;
      open = false;
      await WsCloseListenerAsync(l).catch(() => {});
      await Promise.all(loops);
      await Promise.all([...serving]);
      WsFreeListener(l);
    },
  };
}

async function serveOne(reply: WS_CHANNEL, record: (o: Outcome) => void, mode: "receive" | "check"): Promise<void> {
  const request = messageFor(reply);
  const answer = messageFor(reply);
  const heap = newHeap();
  const error: WS_ERROR = newError();
  try {
    const value = ref<unknown>(null);
    try {
      if (mode === "receive") {
        await WsReceiveMessageAsync(
          reply,
          request,
          [ADD_REQUEST],
          WS_RECEIVE_REQUIRED_MESSAGE,
          WS_READ_REQUIRED_POINTER,
          heap,
          value,
          null,
          error,
        );
      } else {
        await WsReadMessageStartAsync(reply, request, error);
        call(WsCheckMustUnderstandHeaders(request, error), error);
        call(WsReadBody(request, ADD_ELEMENT, WS_READ_REQUIRED_POINTER, heap, value, error), error);
        await WsReadMessageEndAsync(reply, request, error);
      }
    } catch (thrown) {
      const hr = thrown instanceof WsError ? thrown.hr : null;
      record({ hr, message: thrown instanceof Error ? thrown.message : String(thrown) });
      if (hr !== null && channelState(reply) === WS_CHANNEL_STATE_OPEN) {
        await WsSendFaultMessageForErrorAsync(reply, answer, error, hr, WS_FULL_FAULT_DISCLOSURE, request).catch((e: unknown) => {
          record({ hr: e instanceof WsError ? e.hr : -1, message: `fault failed: ${(e as Error).message}` });
        });
      }
      return;
    }
    const { a, b } = value.value as { a: number; b: number };
    await WsSendReplyMessageAsync(reply, answer, ADD_REPLY, WS_WRITE_REQUIRED_POINTER, { AddResult: a + b }, request);
    record({ hr: null, message: "ok" });
  } catch (thrown) {
    record({ hr: thrown instanceof WsError ? thrown.hr : -1, message: `reply failed: ${(thrown as Error).message}` });
  } finally {
    await WsCloseChannelAsync(reply).catch(() => WsAbortChannel(reply));
    WsFreeChannel(reply);
    WsFreeMessage(request);
    WsFreeMessage(answer);
    WsFreeHeap(heap);
    WsFreeError(error);
  }
}

/** A flat call's failure as the WsError an adapter would reject with. */
function call(hr: number, error: WS_ERROR): void {
  if (hr < 0) throw new WsError(hr, errorString(error));
}

function channelState(channel: WS_CHANNEL): number {
  const state = ref<unknown>(null);
  WsGetChannelProperty(channel, WS_CHANNEL_PROPERTY_STATE, state);
  return state.value as number;
}

/** A SOAP 1.2 (or 1.1) Add request with WS-Addressing 1.0 headers; `headers` replaces the standard ones when given. */
export function addEnvelope(options: { soap?: "1.1" | "1.2"; to?: string; headers?: string; a?: number; b?: number } = {}): string {
  const ns = options.soap === "1.1" ? SOAP11 : SOAP12;
  const headers =
    options.headers ??
    `<a:Action s:mustUnderstand="1">${ADD_ACTION}</a:Action><a:MessageID>urn:uuid:2b2c3a44-0000-4000-8000-000000000001</a:MessageID><a:To s:mustUnderstand="1">${options.to ?? "http://127.0.0.1/calc"}</a:To>`;
  return (
    `<s:Envelope xmlns:s="${ns}" xmlns:a="${WSA10}"><s:Header>${headers}</s:Header>` +
    `<s:Body><Add xmlns="http://tempuri.org/"><a>${options.a ?? 2}</a><b>${options.b ?? 3}</b></Add></s:Body></s:Envelope>`
  );
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One POST with node:http (a fresh connection, closed after). */
export function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  options: { chunked?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const data = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
    const h: Record<string, string> = { connection: "close", ...headers };
    if (!options.chunked) h["content-length"] = String(data.byteLength);
    const req = httpRequest(url, { method: "POST", headers: h, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.chunked) {
      // Several chunks, so the body is not sent as one.
      for (let at = 0; at < data.byteLength; at += 8192) req.write(data.subarray(at, at + 8192));
      req.end();
    } else req.end(data);
  });
}

/** A good request: 200 and AddResult = a + b. */
export async function good(url: string, soap: "1.1" | "1.2" = "1.2", a = 20, b = 22): Promise<void> {
  const type = soap === "1.1" ? { "content-type": SOAP11_TYPE, soapaction: `"${ADD_ACTION}"` } : { "content-type": SOAP12_TYPE };
  const response = await post(url, addEnvelope({ soap, a, b, to: url }), type);
  if (response.status !== 200 || !response.body.includes(`<AddResult>${a + b}</AddResult>`)) {
    throw new Error(`the good request got ${response.status}: ${response.body}`);
  }
}

/** A raw TCP connection to the listener's port. */
export function rawConnect(url: string): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Everything the peer sends until it closes (or `ms` pass: then what came so far, and `closed` false). */
export function readUntilClose(socket: Socket, ms = 5000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.removeAllListeners("data");
      resolve({ text: Buffer.concat(chunks).toString("latin1"), closed: false });
    }, ms);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString("latin1"), closed: true });
    });
    socket.on("error", () => {});
  });
}

/** The fault of a SOAP 1.2 or 1.1 fault body: code value (local name), subcode, reason text. */
export function faultOf(body: string): { code: string; reason: string; soap: "1.1" | "1.2" } {
  const v12 = /<s:Code><s:Value>(?:\w+:)?(\w+)<\/s:Value>/.exec(body);
  if (v12 !== null) {
    const reason = /<s:Text xml:lang="[^"]*">([^<]*)<\/s:Text>/.exec(body);
    return { code: v12[1]!, reason: unescapeXml(reason?.[1] ?? ""), soap: "1.2" };
  }
  const v11 = /<faultcode>(?:\w+:)?(\w+)<\/faultcode>/.exec(body);
  const reason = /<faultstring(?: xml:lang="[^"]*")?>([^<]*)<\/faultstring>/.exec(body);
  if (v11 === null) throw new Error(`not a fault: ${body}`);
  return { code: v11[1]!, reason: unescapeXml(reason?.[1] ?? ""), soap: "1.1" };
}

const unescapeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The head of a raw POST to the service path. */
export function rawHead(url: string, contentLength: number, contentType = SOAP12_TYPE): string {
  const { host } = new URL(url);
  return `POST /calc HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${contentLength}\r\n\r\n`;
}

/** Open sockets and servers of this process (node's active resources), to check that nothing is left. */
export function openHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "TCPSocketWrap" || name === "TCPServerWrap").length;
}

/** Waits until `condition` holds, polling every 20 ms, at most `ms`. */
export async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
