import { channelsImplementation as channels } from "@wwsapi/channels/internal";
import {
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  WS_E_OPERATION_ABORTED,
  type WS_ERROR,
  type WS_LISTENER,
  type WS_SERVICE_ENDPOINT,
  type WS_SERVICE_HOST,
  WS_SERVICE_HOST_ABORT,
  WS_SERVICE_HOST_STATE_CLOSED,
  WS_SERVICE_HOST_STATE_CLOSING,
  WS_SERVICE_HOST_STATE_CREATED,
  WS_SERVICE_HOST_STATE_FAULTED,
  WS_SERVICE_HOST_STATE_OPEN,
  WS_SERVICE_HOST_STATE_OPENING,
  type WS_SERVICE_PROPERTY,
} from "@wwsapi/core";
import { type AsyncCompletion, describeValue, isObject, markFreed, startTimeout, WsError, wouldBlock } from "@wwsapi/core/internal";
import { planOperation } from "../call/body-layout.js";
import { completion, INTERNAL_ASYNC } from "../call/completion.js";
import { startAccepting } from "./channel-server.js";
import { endpointSettings } from "./endpoint-settings.js";
import { EndpointRuntime, hostObject, ServiceHostObject } from "./host-object.js";
import { hostSettings } from "./host-settings.js";

/** The host does its own timing, so its channels run without theirs unless the endpoint sets WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS. */
function hostChannelProperties(properties: readonly WS_CHANNEL_PROPERTY[] | null | undefined): WS_CHANNEL_PROPERTY[] {
  const list = [...(properties ?? [])];
  if (!list.some((p) => isObject(p) && p.id === WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS))
    list.push({ id: WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS, value: false });
  return list;
}

function endpointRuntime(fn: string, endpoint: WS_SERVICE_ENDPOINT, i: number): EndpointRuntime {
  const where = `${fn}: endpoints[${i}]`;
  if (!isObject(endpoint)) throw new WsError(E_INVALIDARG, `${where} must be a WS_SERVICE_ENDPOINT, not ${describeValue(endpoint)}.`);
  if (!isObject(endpoint.address) || typeof endpoint.address.url !== "string" || endpoint.address.url === "") {
    throw new WsError(E_INVALIDARG, `${where}.address must be a WS_ENDPOINT_ADDRESS with a url.`);
  }
  if (endpoint.securityDescription != null)
    throw new WsError(E_NOTIMPL, `${where}: endpoint security (securityDescription) is not implemented yet; pass null.`);
  if (endpoint.authorizationCallback != null)
    throw new WsError(E_NOTIMPL, `${where}: authorizationCallback needs channel security, which is not implemented yet; pass null.`);
  const contract = endpoint.contract;
  if (contract === null || !isObject(contract))
    throw new WsError(E_INVALIDARG, `${where}.contract must be a WS_SERVICE_CONTRACT, not ${describeValue(contract)}.`);
  const operations = contract.contractDescription?.operations ?? [];
  if (contract.contractDescription == null && typeof contract.defaultMessageHandlerCallback !== "function") {
    throw new WsError(E_INVALIDARG, `${where}.contract has neither a contractDescription nor a defaultMessageHandlerCallback.`);
  }
  const plans = operations.map((operation) => planOperation(fn, operation));
  const settings = endpointSettings(fn, endpoint.properties);
  // WS_SERVICE_ENDPOINT_PROPERTY_ID: "If the endpoint specifies a default message handler … concurrency must be 1."
  if (typeof contract.defaultMessageHandlerCallback === "function" && settings.maxConcurrency !== 1) {
    throw new WsError(
      E_INVALIDARG,
      `${where}: an endpoint with a default message handler needs WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY 1, not ${settings.maxConcurrency}.`,
    );
  }
  return new EndpointRuntime(endpoint, settings, plans, hostChannelProperties(endpoint.channelProperties?.properties));
}

function createListener(runtime: EndpointRuntime): WS_LISTENER {
  const listener = ref<WS_LISTENER | null>(null);
  const { endpoint } = runtime;
  channels.WsCreateListener(endpoint.channelType, endpoint.channelBinding, runtime.settings.listenerProperties, null, listener, null);
  return listener.value!;
}

/**
 * WsCreateServiceHost: checks every endpoint (its address, contract, operations and properties) and
 * creates its listener, so that a bad endpoint fails here rather than at WsOpenServiceHost.
 */
export function WsCreateServiceHost(
  endpoints: readonly WS_SERVICE_ENDPOINT[] | null,
  serviceProperties: readonly WS_SERVICE_PROPERTY[] | null,
  serviceHost: Ref<WS_SERVICE_HOST | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsCreateServiceHost";
  const settings = hostSettings(fn, serviceProperties);
  const runtimes = (endpoints ?? []).map((endpoint, i) => endpointRuntime(fn, endpoint, i));
  for (const runtime of runtimes) runtime.listener = createListener(runtime);
  serviceHost.value = new ServiceHostObject(settings, runtimes) as unknown as WS_SERVICE_HOST;
  return S_OK;
}

/** WsOpenServiceHost: CREATED → OPENING → OPEN once every endpoint listens; then the accept loops start. */
export function WsOpenServiceHost(
  serviceHost: WS_SERVICE_HOST,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsOpenServiceHost";
  const host = hostObject(serviceHost);
  host.requireState(fn, WS_SERVICE_HOST_STATE_CREATED);
  if (asyncContext === null) throw wouldBlock(fn, "the endpoints' listeners to open");
  host.state = WS_SERVICE_HOST_STATE_OPENING;
  const opening = host.endpoints.map((runtime) =>
    completion(channels.WsOpenListener(runtime.listener!, runtime.endpoint.address.url, INTERNAL_ASYNC, null)),
  );
  return Promise.all(opening).then(
    () => {
      if (host.state !== WS_SERVICE_HOST_STATE_OPENING)
        throw new WsError(WS_E_OPERATION_ABORTED, `${fn}: the service host was aborted while opening.`);
      host.state = WS_SERVICE_HOST_STATE_OPEN;
      for (const runtime of host.endpoints) startAccepting(host, runtime);
      return S_OK;
    },
    async (thrown: unknown) => {
      for (const runtime of host.endpoints) channels.WsAbortListener(runtime.listener!, null);
      await Promise.allSettled(opening);
      if (host.state === WS_SERVICE_HOST_STATE_OPENING) host.state = WS_SERVICE_HOST_STATE_FAULTED;
      throw thrown;
    },
  );
}

/** Cancels every running operation (WsRegisterOperationForCancel's callback) and aborts the host's channels and listeners. */
function abortEverything(host: ServiceHostObject): void {
  for (const context of host.operations) context.cancel(WS_SERVICE_HOST_ABORT);
  for (const runtime of host.endpoints) {
    channels.WsAbortListener(runtime.listener!, null);
    for (const channel of [...runtime.accepting, ...runtime.served]) channels.WsAbortChannel(channel, null);
    for (const waiter of runtime.slotWaiters.splice(0)) waiter();
  }
}

/**
 * WsCloseServiceHost: stops accepting, tells the running operations (their cancel callbacks, reason
 * WS_SERVICE_HOST_ABORT) and waits for them to reply, at most WS_SERVICE_PROPERTY_CLOSE_TIMEOUT,
 * after which what is left is aborted; then the channels and listeners close. A host never opened,
 * or already closed, closes at once.
 */
export function WsCloseServiceHost(
  serviceHost: WS_SERVICE_HOST,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsCloseServiceHost";
  const host = hostObject(serviceHost);
  if (host.state === WS_SERVICE_HOST_STATE_CREATED || host.state === WS_SERVICE_HOST_STATE_CLOSED) {
    host.state = WS_SERVICE_HOST_STATE_CLOSED;
    return S_OK;
  }
  host.requireState(fn, WS_SERVICE_HOST_STATE_OPEN, WS_SERVICE_HOST_STATE_FAULTED);
  if (asyncContext === null) throw wouldBlock(fn, "the operations in flight and the listeners to close");
  host.state = WS_SERVICE_HOST_STATE_CLOSING;
  for (const context of host.operations) context.cancel(WS_SERVICE_HOST_ABORT);
  const listenersClosed = host.endpoints.map((runtime) =>
    completion(channels.WsCloseListener(runtime.listener!, INTERNAL_ASYNC, null)).catch(() => {}),
  );
  return waitOrAbort(host).then(async () => {
    // Sessions waiting for a next request end now; a channel still finishing its exchange (an HTTP
    // reply, a one-way request's 202) closes itself in order.
    for (const runtime of host.endpoints) for (const channel of runtime.waiting) channels.WsAbortChannel(channel, null);
    for (const runtime of host.endpoints) for (const waiter of runtime.slotWaiters.splice(0)) waiter();
    await Promise.all(listenersClosed);
    await Promise.allSettled([...host.work]);
    host.state = WS_SERVICE_HOST_STATE_CLOSED;
    return S_OK;
  });
}

function waitOrAbort(host: ServiceHostObject): Promise<void> {
  if (host.inFlight.size === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const stopTimer = startTimeout(host.settings.closeTimeout, () => {
      abortEverything(host);
      resolve();
    });
    Promise.allSettled([...host.inFlight]).then(() => {
      stopTimer();
      resolve();
    });
  });
}

/**
 * WsAbortServiceHost: the running operations are cancelled (WS_SERVICE_HOST_ABORT), pending I/O
 * aborted; an opening or open host becomes FAULTED (WsCloseServiceHost then closes it), a closing
 * one CLOSED.
 */
export function WsAbortServiceHost(serviceHost: WS_SERVICE_HOST, _error: WS_ERROR | null): HRESULT {
  const host = hostObject(serviceHost);
  abortEverything(host);
  if (host.state === WS_SERVICE_HOST_STATE_OPENING || host.state === WS_SERVICE_HOST_STATE_OPEN) host.state = WS_SERVICE_HOST_STATE_FAULTED;
  else if (host.state === WS_SERVICE_HOST_STATE_CLOSING) host.state = WS_SERVICE_HOST_STATE_CLOSED;
  return S_OK;
}

/** WsResetServiceHost: from CREATED or CLOSED back to CREATED, its listeners ready to open again. */
export function WsResetServiceHost(serviceHost: WS_SERVICE_HOST, _error: WS_ERROR | null): HRESULT {
  const host = hostObject(serviceHost);
  host.requireState("WsResetServiceHost", WS_SERVICE_HOST_STATE_CREATED, WS_SERVICE_HOST_STATE_CLOSED);
  for (const runtime of host.endpoints) {
    channels.WsFreeListener(runtime.listener!);
    runtime.listener = createListener(runtime);
  }
  host.state = WS_SERVICE_HOST_STATE_CREATED;
  return S_OK;
}

/** WsFreeServiceHost: an open host is aborted first, so that nothing keeps running for a freed handle. */
export function WsFreeServiceHost(serviceHost: WS_SERVICE_HOST): void {
  const host = hostObject(serviceHost);
  if (host.state !== WS_SERVICE_HOST_STATE_CREATED && host.state !== WS_SERVICE_HOST_STATE_CLOSED) abortEverything(host);
  for (const runtime of host.endpoints) channels.WsFreeListener(runtime.listener!);
  markFreed(host);
}
