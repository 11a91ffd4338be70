import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CALL_PROPERTY,
  WS_CALL_PROPERTY_CALL_ID,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_INVALID_OPERATION,
  WS_E_OPERATION_ABANDONED,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_E_QUOTA_EXCEEDED,
  type WS_HEAP,
  WS_HTTP_CHANNEL_BINDING,
  WS_HTTP_SSL_BINDING_TEMPLATE_TYPE,
  WS_PROXY_PROPERTY_CALL_TIMEOUT,
  WS_PROXY_PROPERTY_MAX_PENDING_CALLS,
  WS_PROXY_PROPERTY_STATE,
  WS_S_ASYNC,
  type WS_SERVICE_PROXY,
  WS_SERVICE_PROXY_STATE_CLOSED,
  WS_SERVICE_PROXY_STATE_CREATED,
  WS_SERVICE_PROXY_STATE_FAULTED,
  WS_SERVICE_PROXY_STATE_OPEN,
  WS_TCP_BINDING_TEMPLATE_TYPE,
  WsFreeHeap,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { AddOperation, BINDINGS, cleanupAfterEach, newHeap, proxyFor } from "../calculator.test-support.js";
import {
  WsAbandonCall,
  WsAbortServiceProxy,
  WsCall,
  WsCallAsync,
  WsCloseServiceProxyAsync,
  WsCreateServiceProxy,
  WsCreateServiceProxyFromTemplate,
  WsFreeServiceProxy,
  WsGetServiceProxyProperty,
  WsOpenServiceProxy,
  WsResetServiceProxy,
} from "../index.js";
import { type SilentServer, silentServer } from "./silent-server.test-support.js";

const HTTP = BINDINGS[0]!;
const cleanup = cleanupAfterEach();

function address(url: string) {
  return { url, headers: null, extensions: null, identity: null };
}

async function openProxyTo(server: SilentServer, properties: Parameters<typeof proxyFor>[1] = []): Promise<WS_SERVICE_PROXY> {
  const proxy = proxyFor(HTTP, properties);
  cleanup.push(() => WsFreeServiceProxy(proxy));
  expect(WsOpenServiceProxy(proxy, address(server.url), null)).toBe(S_OK);
  return proxy;
}

async function silent(): Promise<SilentServer> {
  const server = await silentServer();
  cleanup.push(() => server.close());
  return server;
}

function heaps(count: number): WS_HEAP[] {
  const list = Array.from({ length: count }, () => newHeap());
  cleanup.push(() => {
    for (const heap of list) WsFreeHeap(heap);
  });
  return list;
}

/** Starts a WsCall with a callback context; the outcome list records each completion. */
function startCall(proxy: WS_SERVICE_PROXY, heap: WS_HEAP, outcomes: number[], callId = 0): number {
  const context: WS_ASYNC_CONTEXT = { callback: (hr: number) => outcomes.push(hr), callbackState: null };
  const properties: WS_CALL_PROPERTY[] | null = callId === 0 ? null : [{ id: WS_CALL_PROPERTY_CALL_ID, value: callId }];
  return WsCall(proxy, AddOperation, [1, 2, ref(0)], heap, properties, context);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function state(proxy: WS_SERVICE_PROXY): unknown {
  const value = ref<unknown>(null);
  expect(WsGetServiceProxyProperty(proxy, WS_PROXY_PROPERTY_STATE, value)).toBe(S_OK);
  return value.value;
}

describe("WS_SERVICE_PROXY states", () => {
  it("refuses calls before WsOpenServiceProxy and a second open", async () => {
    const proxy = proxyFor(HTTP);
    cleanup.push(() => WsFreeServiceProxy(proxy));
    const [heap] = heaps(1);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_CREATED);
    expect(WsCall(proxy, AddOperation, [1, 2, ref(0)], heap!, null, { callback: () => {}, callbackState: null })).toBe(
      WS_E_INVALID_OPERATION,
    );
    expect(WsOpenServiceProxy(proxy, address("http://127.0.0.1:1/x"), null)).toBe(S_OK);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_OPEN);
    expect(WsOpenServiceProxy(proxy, address("http://127.0.0.1:1/x"), null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsResetServiceProxy(proxy)).toBe(WS_E_INVALID_OPERATION);
    expect(await WsCloseServiceProxyAsync(proxy)).toBe(S_OK);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_CLOSED);
    expect(WsResetServiceProxy(proxy)).toBe(S_OK);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_CREATED);
  });

  it("reads only WS_PROXY_PROPERTY_STATE; the others are write only", () => {
    const proxy = proxyFor(HTTP, [{ id: WS_PROXY_PROPERTY_CALL_TIMEOUT, value: 1000 }]);
    cleanup.push(() => WsFreeServiceProxy(proxy));
    expect(WsGetServiceProxyProperty(proxy, WS_PROXY_PROPERTY_CALL_TIMEOUT, ref<unknown>(null))).toBe(E_INVALIDARG);
    const created = ref<WS_SERVICE_PROXY | null>(null);
    expect(
      WsCreateServiceProxy(
        WS_CHANNEL_TYPE_REQUEST,
        WS_HTTP_CHANNEL_BINDING,
        null,
        [{ id: WS_PROXY_PROPERTY_STATE, value: 0 }],
        null,
        created,
      ),
    ).toBe(E_INVALIDARG);
    expect(WsCreateServiceProxy(WS_CHANNEL_TYPE_REPLY, WS_HTTP_CHANNEL_BINDING, null, null, null, created)).toBe(E_INVALIDARG);
  });

  it("makes proxies from the HTTP and TCP templates; security templates are E_NOTIMPL", () => {
    const proxy = ref<WS_SERVICE_PROXY | null>(null);
    expect(
      WsCreateServiceProxyFromTemplate(7, null, WS_TCP_BINDING_TEMPLATE_TYPE, { channelProperties: { properties: [] } }, null, proxy),
    ).toBe(S_OK);
    WsFreeServiceProxy(proxy.value!);
    expect(WsCreateServiceProxyFromTemplate(WS_CHANNEL_TYPE_REQUEST, null, WS_HTTP_SSL_BINDING_TEMPLATE_TYPE, null, null, proxy)).toBe(
      E_NOTIMPL,
    );
  });

  it("checks the arguments against the parameter descriptions", async () => {
    const server = await silent();
    const proxy = await openProxyTo(server);
    const [heap] = heaps(1);
    const context = { callback: () => {}, callbackState: null };
    expect(WsCall(proxy, AddOperation, [1, 2], heap!, null, context)).toBe(E_INVALIDARG);
    expect(WsCall(proxy, AddOperation, [1, 2, 3], heap!, null, context)).toBe(E_INVALIDARG);
    expect(WsCall(proxy, AddOperation, [1, 2, ref(0)], heap!, null, null)).toBe(WS_E_INVALID_OPERATION);
  });
});

describe("calls in flight", () => {
  it("refuses the 101st pending call with WS_E_QUOTA_EXCEEDED, and WsAbortServiceProxy completes the 100 with WS_E_OPERATION_ABORTED", async () => {
    const server = await silent();
    const proxy = await openProxyTo(server);
    const list = heaps(101);
    const outcomes: number[] = [];
    for (let i = 0; i < 100; i++) expect(startCall(proxy, list[i]!, outcomes)).toBe(WS_S_ASYNC);
    expect(startCall(proxy, list[100]!, outcomes)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(WsAbortServiceProxy(proxy)).toBe(S_OK);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_FAULTED);
    await settle();
    expect(outcomes).toHaveLength(100);
    expect(new Set(outcomes)).toEqual(new Set([WS_E_OPERATION_ABORTED]));
    expect(startCall(proxy, list[100]!, outcomes)).toBe(WS_E_INVALID_OPERATION);
    expect(await WsCloseServiceProxyAsync(proxy)).toBe(S_OK);
  });

  it("applies WS_PROXY_PROPERTY_MAX_PENDING_CALLS", async () => {
    const server = await silent();
    const proxy = await openProxyTo(server, [{ id: WS_PROXY_PROPERTY_MAX_PENDING_CALLS, value: 2 }]);
    const list = heaps(3);
    const outcomes: number[] = [];
    expect(startCall(proxy, list[0]!, outcomes)).toBe(WS_S_ASYNC);
    expect(startCall(proxy, list[1]!, outcomes)).toBe(WS_S_ASYNC);
    expect(startCall(proxy, list[2]!, outcomes)).toBe(WS_E_QUOTA_EXCEEDED);
    WsAbortServiceProxy(proxy);
    await settle();
    expect(outcomes).toEqual([WS_E_OPERATION_ABORTED, WS_E_OPERATION_ABORTED]);
  });

  it("times a call out after WS_PROXY_PROPERTY_CALL_TIMEOUT", async () => {
    const server = await silent();
    const proxy = await openProxyTo(server, [{ id: WS_PROXY_PROPERTY_CALL_TIMEOUT, value: 50 }]);
    const [heap] = heaps(1);
    const started = Date.now();
    await expect(WsCallAsync(proxy, AddOperation, [1, 2, ref(0)], heap!, null)).rejects.toMatchObject({ hr: WS_E_OPERATION_TIMED_OUT });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_OPEN);
  });

  it("abandons one call by its WS_CALL_PROPERTY_CALL_ID, then all with 0", async () => {
    const server = await silent();
    const proxy = await openProxyTo(server);
    const list = heaps(3);
    const first: number[] = [];
    const rest: number[] = [];
    expect(startCall(proxy, list[0]!, first, 7)).toBe(WS_S_ASYNC);
    expect(startCall(proxy, list[1]!, rest, 8)).toBe(WS_S_ASYNC);
    expect(startCall(proxy, list[2]!, rest)).toBe(WS_S_ASYNC);
    expect(WsAbandonCall(proxy, 9)).toBe(E_INVALIDARG);
    expect(WsAbandonCall(proxy, 7)).toBe(S_OK);
    await settle();
    expect(first).toEqual([WS_E_OPERATION_ABANDONED]);
    expect(rest).toEqual([]);
    expect(WsAbandonCall(proxy, 0)).toBe(S_OK);
    await settle();
    expect(rest).toEqual([WS_E_OPERATION_ABANDONED, WS_E_OPERATION_ABANDONED]);
    expect(first).toHaveLength(1);
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_OPEN);
  });

  it("completes every call exactly once when calls race WsAbortServiceProxy", async () => {
    const server = await silent();
    const proxy = await openProxyTo(server);
    const list = heaps(20);
    const outcomes: number[] = [];
    for (let i = 0; i < 10; i++) expect(startCall(proxy, list[i]!, outcomes)).toBe(WS_S_ASYNC);
    // The abort lands while the first requests are still being sent.
    queueMicrotask(() => WsAbortServiceProxy(proxy));
    await Promise.resolve();
    // After the abort, new calls are refused at once, and their callbacks never run.
    for (let i = 10; i < 20; i++) expect(startCall(proxy, list[i]!, outcomes)).toBe(WS_E_INVALID_OPERATION);
    await settle();
    expect(outcomes).toEqual(Array(10).fill(WS_E_OPERATION_ABORTED));
    await settle();
    expect(outcomes).toHaveLength(10);
  });
});
