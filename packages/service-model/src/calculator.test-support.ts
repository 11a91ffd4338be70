import type { ListenerObject } from "@wwsapi/channels/internal";
import {
  E_FAIL,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_ASYNC_CONTEXT,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_ENCODING_XML_BINARY_1,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  type WS_ERROR,
  type WS_HEAP,
  WS_HTTP_CHANNEL_BINDING,
  WS_NON_RPC_LITERAL_OPERATION,
  type WS_OPERATION_CONTEXT,
  type WS_OPERATION_DESCRIPTION,
  WS_PARAMETER_TYPE_NORMAL,
  WS_S_ASYNC,
  type WS_SERVICE_CONTRACT,
  type WS_SERVICE_ENDPOINT,
  type WS_SERVICE_ENDPOINT_PROPERTY,
  type WS_SERVICE_HOST,
  type WS_SERVICE_PROPERTY,
  type WS_SERVICE_PROXY,
  WS_TCP_CHANNEL_BINDING,
  WsAddErrorString,
  WsCreateError,
  WsCreateHeap,
} from "@wwsapi/core";
import { typed } from "@wwsapi/xml";
import { afterEach, expect } from "vitest";
import { xmlText } from "./call/xml-text.js";
import {
  WsCloseServiceHostAsync,
  WsCloseServiceProxyAsync,
  WsCreateServiceHost,
  WsCreateServiceProxy,
  WsFreeServiceHost,
  WsFreeServiceProxy,
  WsOpenServiceHostAsync,
  WsOpenServiceProxyAsync,
} from "./index.js";

/**
 * The Calculator contract of the golden WCF captures (http://tempuri.org/, ICalculator), as WsUtil
 * would describe it: one struct per body element, one WS_PARAMETER_DESCRIPTION per argument, a stub
 * per operation that unpacks the frame and calls the method table's function. `Fail` answers with a
 * fault made from its WS_ERROR.
 */
const TEMPURI = "http://tempuri.org/";
const { struct, element, int32, string, bytes } = typed;
export const Add = struct("Add", TEMPURI, { a: element(int32, "a"), b: element(int32, "b") });
export const AddResponse = struct("AddResponse", TEMPURI, { AddResult: element(int32, "AddResult") });
export const Echo = struct("Echo", TEMPURI, { text: element(string, "text") });
export const EchoResponse = struct("EchoResponse", TEMPURI, { EchoResult: element(string, "EchoResult") });
export const EchoBytes = struct("EchoBytes", TEMPURI, { data: element(bytes, "data") });
export const EchoBytesResponse = struct("EchoBytesResponse", TEMPURI, { EchoBytesResult: element(bytes, "EchoBytesResult") });
export const Fail = struct("Fail", TEMPURI, { reason: element(string, "reason") });
export const FailResponse = struct("FailResponse", TEMPURI, {});
export const Notify = struct("Notify", TEMPURI, { text: element(string, "text") });

const NONE = 0xffff;
const action = (name: string) => xmlText(`http://tempuri.org/ICalculator/${name}`);

type Stub = WS_OPERATION_DESCRIPTION["stubCallback"];

/** A stub that calls the method-table function with the frame's entries, as WsUtil's generated stubs do. */
const stub: Stub = (context, frame, callback, asyncContext, error) =>
  (callback as (...args: unknown[]) => HRESULT)(context, ...(frame as unknown[]), asyncContext, error);

function operation(
  name: string,
  input: { element: unknown },
  output: { element: unknown } | null,
  parameters: [number, number][],
): WS_OPERATION_DESCRIPTION {
  return {
    versionInfo: 1,
    inputMessageDescription: { action: action(name), bodyElementDescription: input.element as never },
    outputMessageDescription:
      output === null ? null : { action: action(`${name}Response`), bodyElementDescription: output.element as never },
    inputMessageOptions: 0,
    outputMessageOptions: 0,
    parameterDescription: parameters.map(([inputMessageIndex, outputMessageIndex]) => ({
      parameterType: WS_PARAMETER_TYPE_NORMAL,
      inputMessageIndex,
      outputMessageIndex,
    })),
    stubCallback: stub,
    style: WS_NON_RPC_LITERAL_OPERATION,
  };
}

export const AddOperation = operation("Add", Add, AddResponse, [
  [0, NONE],
  [1, NONE],
  [NONE, 0],
]);
export const EchoOperation = operation("Echo", Echo, EchoResponse, [
  [0, NONE],
  [NONE, 0],
]);
export const EchoBytesOperation = operation("EchoBytes", EchoBytes, EchoBytesResponse, [
  [0, NONE],
  [NONE, 0],
]);
export const FailOperation = operation("Fail", Fail, FailResponse, [[0, NONE]]);
export const NotifyOperation = operation("Notify", Notify, null, [[0, NONE]]);

/** What the service's methods saw, for the tests to check (one-way calls have no other trace). */
export interface Service {
  readonly notified: string[];
  /** How long Add and Echo take (ms); they then complete asynchronously (WS_S_ASYNC). */
  delay: number;
  /** How many Add and Echo calls have started. */
  started?: number;
  /** How many are running now, and the most that ran at once. */
  running?: number;
  maxRunning?: number;
}

type Ctx = WS_OPERATION_CONTEXT;
type Async = WS_ASYNC_CONTEXT | null;

export function methodTable(service: Service) {
  const later = (work: () => void, asyncContext: Async): HRESULT => {
    service.started = (service.started ?? 0) + 1;
    if (service.delay === 0 || asyncContext === null) {
      work();
      return S_OK;
    }
    service.running = (service.running ?? 0) + 1;
    service.maxRunning = Math.max(service.maxRunning ?? 0, service.running);
    setTimeout(() => {
      service.running!--;
      work();
      (asyncContext.callback as (hr: HRESULT, model: number, state: unknown) => void)(S_OK, 0, asyncContext.callbackState);
    }, service.delay);
    return WS_S_ASYNC;
  };
  return {
    Add: (_c: Ctx, a: number, b: number, result: Ref<number>, asyncContext: Async, _e: WS_ERROR | null) =>
      later(() => (result.value = a + b), asyncContext),
    Echo: (_c: Ctx, text: string, result: Ref<string>, asyncContext: Async, _e: WS_ERROR | null) =>
      later(() => (result.value = text), asyncContext),
    EchoBytes: (_c: Ctx, data: Uint8Array, result: Ref<Uint8Array>, _a: Async, _e: WS_ERROR | null) => {
      result.value = data;
      return S_OK;
    },
    Fail: (_c: Ctx, reason: string, _a: Async, error: WS_ERROR | null) => {
      if (error !== null) WsAddErrorString(error, reason);
      return E_FAIL;
    },
    Notify: (_c: Ctx, text: string, _a: Async, _e: WS_ERROR | null) => {
      service.notified.push(text);
      return S_OK;
    },
  };
}

export const OPERATIONS = [AddOperation, EchoOperation, EchoBytesOperation, FailOperation, NotifyOperation];

export function calculatorContract(service: Service): WS_SERVICE_CONTRACT {
  return { contractDescription: { operations: OPERATIONS }, defaultMessageHandlerCallback: null, methodTable: methodTable(service) };
}

/** The bindings the tests run the contract over: HTTP SOAP 1.2 text, HTTP SOAP 1.1 text, HTTP binary, net.tcp binary sessions. */
export interface Binding {
  readonly name: string;
  readonly scheme: "http" | "net.tcp";
  readonly channelProperties: readonly WS_CHANNEL_PROPERTY[];
}

export const BINDINGS: readonly Binding[] = [
  { name: "HTTP SOAP 1.2 text", scheme: "http", channelProperties: [] },
  {
    name: "HTTP SOAP 1.1 text",
    scheme: "http",
    channelProperties: [
      { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
      { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
    ],
  },
  { name: "HTTP binary", scheme: "http", channelProperties: [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 }] },
  { name: "net.tcp binary session", scheme: "net.tcp", channelProperties: [] },
];

export function hostFor(
  binding: Binding,
  service: Service,
  endpointProperties: readonly WS_SERVICE_ENDPOINT_PROPERTY[] = [],
  serviceProperties: readonly WS_SERVICE_PROPERTY[] = [],
  contract: WS_SERVICE_CONTRACT = calculatorContract(service),
): WS_SERVICE_HOST {
  const endpoint: WS_SERVICE_ENDPOINT = {
    address: { url: `${binding.scheme}://127.0.0.1:0/calculator`, headers: null, extensions: null, identity: null },
    channelBinding: binding.scheme === "http" ? WS_HTTP_CHANNEL_BINDING : WS_TCP_CHANNEL_BINDING,
    channelType: binding.scheme === "http" ? WS_CHANNEL_TYPE_REPLY : WS_CHANNEL_TYPE_DUPLEX_SESSION,
    securityDescription: null,
    contract,
    authorizationCallback: null,
    properties: endpointProperties,
    channelProperties: { properties: binding.channelProperties },
  };
  const host = ref<WS_SERVICE_HOST | null>(null);
  const hr = WsCreateServiceHost([endpoint], serviceProperties, host);
  if (hr !== S_OK) throw new Error(`WsCreateServiceHost: ${hr}`);
  return host.value!;
}

/** The URL a host's endpoint listens on, with the port the system chose for port 0. */
export function listeningUrl(host: WS_SERVICE_HOST, binding: Binding, index = 0): string {
  const runtime = (host as unknown as { endpoints: { listener: unknown }[] }).endpoints[index]!;
  const listener = runtime.listener as ListenerObject;
  const port = (listener.transport as unknown as { port: number }).port;
  return `${binding.scheme}://127.0.0.1:${port}/calculator`;
}

export function proxyFor(binding: Binding, properties: Parameters<typeof WsCreateServiceProxy>[3] = []): WS_SERVICE_PROXY {
  const proxy = ref<WS_SERVICE_PROXY | null>(null);
  const hr = WsCreateServiceProxy(
    binding.scheme === "http" ? WS_CHANNEL_TYPE_REQUEST : WS_CHANNEL_TYPE_DUPLEX_SESSION,
    binding.scheme === "http" ? WS_HTTP_CHANNEL_BINDING : WS_TCP_CHANNEL_BINDING,
    null,
    properties,
    binding.channelProperties,
    proxy,
  );
  if (hr !== S_OK) throw new Error(`WsCreateServiceProxy: ${hr}`);
  return proxy.value!;
}

export function newHeap(): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  WsCreateHeap(1 << 20, 0, null, heap);
  return heap.value!;
}

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  return error.value!;
}

/** A test file's undo steps, run newest first by its afterEach. */
export type Cleanup = (() => unknown)[];

/** The undo steps of a test file's tests, run newest first after each test (this registers the afterEach). */
export function cleanupAfterEach(): Cleanup {
  const cleanup: Cleanup = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  return cleanup;
}

/** Opens `host`; `cleanup` closes and frees it. */
export async function openedHost(cleanup: Cleanup, host: WS_SERVICE_HOST): Promise<WS_SERVICE_HOST> {
  cleanup.push(() => WsFreeServiceHost(host));
  cleanup.push(() => WsCloseServiceHostAsync(host).catch(() => {}));
  expect(await WsOpenServiceHostAsync(host)).toBe(S_OK);
  return host;
}

/** WsOpenServiceProxyAsync of `proxy` on the URL `host` listens on for `binding`. */
export const openProxyOn = (proxy: WS_SERVICE_PROXY, host: WS_SERVICE_HOST, binding: Binding) =>
  WsOpenServiceProxyAsync(proxy, { url: listeningUrl(host, binding), headers: null, extensions: null, identity: null });

/** Opens `proxy` on `host`'s URL; `cleanup` closes and frees it. */
export async function openedProxy(
  cleanup: Cleanup,
  binding: Binding,
  host: WS_SERVICE_HOST,
  proxy: WS_SERVICE_PROXY = proxyFor(binding),
): Promise<WS_SERVICE_PROXY> {
  cleanup.push(() => WsFreeServiceProxy(proxy));
  cleanup.push(() => WsCloseServiceProxyAsync(proxy).catch(() => {}));
  expect(await openProxyOn(proxy, host, binding)).toBe(S_OK);
  return proxy;
}
