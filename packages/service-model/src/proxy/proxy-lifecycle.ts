import {
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_BINDING_TEMPLATE_TYPE,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  type WS_CHANNEL_TYPE,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_OPERATION_ABORTED,
  type WS_ENDPOINT_ADDRESS,
  type WS_ERROR,
  type WS_HTTP_BINDING_TEMPLATE,
  WS_HTTP_BINDING_TEMPLATE_TYPE,
  WS_HTTP_CHANNEL_BINDING,
  type WS_PROXY_PROPERTY,
  type WS_SECURITY_DESCRIPTION,
  type WS_SERVICE_PROXY,
  WS_SERVICE_PROXY_STATE_CLOSED,
  WS_SERVICE_PROXY_STATE_CLOSING,
  WS_SERVICE_PROXY_STATE_CREATED,
  WS_SERVICE_PROXY_STATE_FAULTED,
  WS_SERVICE_PROXY_STATE_OPEN,
  WS_SERVICE_PROXY_STATE_OPENING,
  WS_TCP_BINDING_TEMPLATE_TYPE,
  WS_TCP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { type AsyncCompletion, describeValue, isObject, markFreed, startTimeout, WsError, wouldBlock } from "@wwsapi/core/internal";
import { completion } from "../call/completion.js";
import { callChannels } from "./call-channels.js";
import { proxyObject, ServiceProxyObject } from "./proxy-object.js";
import { proxySettings } from "./proxy-settings.js";

/**
 * The channel types a service proxy calls on: a request channel (HTTP), whose channels are pooled,
 * or a duplex session (net.tcp), one channel for every call ("Service Proxy and Sessions").
 */
const CALL_CHANNEL_TYPES = new Set<number>([WS_CHANNEL_TYPE_REQUEST, WS_CHANNEL_TYPE_DUPLEX_SESSION]);

/**
 * The service proxy does its own timing (WS_PROXY_PROPERTY_CALL_TIMEOUT), so its channels run
 * without theirs unless the application sets WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS itself
 * (WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS: the service proxy and host turn the channel's timeouts off).
 */
function proxyChannelProperties(properties: readonly WS_CHANNEL_PROPERTY[] | null): WS_CHANNEL_PROPERTY[] {
  const list = [...(properties ?? [])];
  if (!list.some((p) => isObject(p) && p.id === WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS))
    list.push({ id: WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS, value: false });
  return list;
}

function newProxy(
  fn: string,
  channelType: WS_CHANNEL_TYPE,
  binding: WS_CHANNEL_BINDING,
  securityDescription: WS_SECURITY_DESCRIPTION | null,
  properties: readonly WS_PROXY_PROPERTY[] | null,
  channelProperties: readonly WS_CHANNEL_PROPERTY[] | null,
): WS_SERVICE_PROXY {
  if (!CALL_CHANNEL_TYPES.has(channelType)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: a service proxy calls over WS_CHANNEL_TYPE_REQUEST or WS_CHANNEL_TYPE_DUPLEX_SESSION channels, not channel type ${describeValue(channelType)}.`,
    );
  }
  const settings = proxySettings(fn, properties);
  const recipe = { channelType, binding, securityDescription, properties: proxyChannelProperties(channelProperties) };
  const session = channelType === WS_CHANNEL_TYPE_DUPLEX_SESSION;
  return new ServiceProxyObject(recipe, settings, callChannels(recipe, session, settings.maxCallPoolSize)) as unknown as WS_SERVICE_PROXY;
}

export function WsCreateServiceProxy(
  channelType: WS_CHANNEL_TYPE,
  channelBinding: WS_CHANNEL_BINDING,
  securityDescription: WS_SECURITY_DESCRIPTION | null,
  properties: readonly WS_PROXY_PROPERTY[] | null,
  channelProperties: readonly WS_CHANNEL_PROPERTY[] | null,
  serviceProxy: Ref<WS_SERVICE_PROXY | null>,
  _error: WS_ERROR | null,
): HRESULT {
  serviceProxy.value = newProxy("WsCreateServiceProxy", channelType, channelBinding, securityDescription, properties, channelProperties);
  return S_OK;
}

/**
 * WsCreateServiceProxyFromTemplate with WS_HTTP_BINDING_TEMPLATE_TYPE (WS_HTTP_BINDING_TEMPLATE:
 * its channelProperties) or WS_TCP_BINDING_TEMPLATE_TYPE (WS_TCP_BINDING_TEMPLATE). A template value
 * of null takes the binding's defaults. The templates with security need the security layer:
 * E_NOTIMPL.
 */
export function WsCreateServiceProxyFromTemplate(
  channelType: WS_CHANNEL_TYPE,
  properties: readonly WS_PROXY_PROPERTY[] | null,
  templateType: WS_BINDING_TEMPLATE_TYPE,
  templateValue: unknown,
  _templateDescription: unknown,
  serviceProxy: Ref<WS_SERVICE_PROXY | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsCreateServiceProxyFromTemplate";
  const binding = templateBinding(fn, templateType);
  const channelProperties = templateChannelProperties(fn, templateValue);
  serviceProxy.value = newProxy(fn, channelType, binding, null, properties, channelProperties);
  return S_OK;
}

/** The binding of a template without security; the others are E_NOTIMPL. */
export function templateBinding(fn: string, templateType: number): WS_CHANNEL_BINDING {
  if (templateType === WS_HTTP_BINDING_TEMPLATE_TYPE) return WS_HTTP_CHANNEL_BINDING;
  if (templateType === WS_TCP_BINDING_TEMPLATE_TYPE) return WS_TCP_CHANNEL_BINDING;
  throw new WsError(
    E_NOTIMPL,
    `${fn}: binding template type ${templateType} carries security, which is not implemented yet; use WS_HTTP_BINDING_TEMPLATE_TYPE or WS_TCP_BINDING_TEMPLATE_TYPE.`,
  );
}

/** The channel properties of a WS_HTTP_BINDING_TEMPLATE / WS_TCP_BINDING_TEMPLATE (null: none). */
export function templateChannelProperties(fn: string, templateValue: unknown): readonly WS_CHANNEL_PROPERTY[] | null {
  if (templateValue === null || templateValue === undefined) return null;
  const list = isObject(templateValue) ? (templateValue as WS_HTTP_BINDING_TEMPLATE).channelProperties?.properties : undefined;
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) throw new WsError(E_INVALIDARG, `${fn}: templateValue.channelProperties.properties must be an array.`);
  return list;
}

/**
 * WsOpenServiceProxy: CREATED → OPENING → OPEN. Over HTTP nothing is connected yet (the first call
 * connects), so it completes at once; a net.tcp session connects and needs a WS_ASYNC_CONTEXT.
 */
export function WsOpenServiceProxy(
  serviceProxy: WS_SERVICE_PROXY,
  address: WS_ENDPOINT_ADDRESS,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsOpenServiceProxy";
  const proxy = proxyObject(serviceProxy);
  if (!isObject(address) || typeof address.url !== "string" || address.url === "") {
    throw new WsError(E_INVALIDARG, `${fn}: address must be a WS_ENDPOINT_ADDRESS with a url, not ${describeValue(address)}.`);
  }
  proxy.requireState(fn, WS_SERVICE_PROXY_STATE_CREATED);
  if (proxy.channels.session && asyncContext === null) throw wouldBlock(fn, `the connection to ${address.url}`);
  const opened = proxy.channels.open(address, asyncContext !== null);
  proxy.address = address;
  if (typeof opened === "number") {
    proxy.state = WS_SERVICE_PROXY_STATE_OPEN;
    return opened;
  }
  proxy.state = WS_SERVICE_PROXY_STATE_OPENING;
  const opening = completion(opened).then(
    () => {
      if (proxy.state !== WS_SERVICE_PROXY_STATE_OPENING)
        throw new WsError(WS_E_OPERATION_ABORTED, `${fn}: the service proxy was aborted while opening.`);
      proxy.state = WS_SERVICE_PROXY_STATE_OPEN;
      return S_OK;
    },
    (thrown: unknown) => {
      if (proxy.state === WS_SERVICE_PROXY_STATE_OPENING) proxy.state = WS_SERVICE_PROXY_STATE_FAULTED;
      throw thrown;
    },
  );
  proxy.opening = opening;
  return opening;
}

/**
 * WsCloseServiceProxy: waits for the calls in flight, at most WS_PROXY_PROPERTY_MAX_CLOSE_TIMEOUT
 * ("The amount of time in milliseconds the service proxy will wait for the pending calls to
 * complete. Once the timeout expires, the service proxy will abort itself"), then closes its
 * channels. Like WsCloseChannel, a proxy never opened or already closed closes at once.
 */
export function WsCloseServiceProxy(
  serviceProxy: WS_SERVICE_PROXY,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsCloseServiceProxy";
  const proxy = proxyObject(serviceProxy);
  if (proxy.state === WS_SERVICE_PROXY_STATE_CREATED || proxy.state === WS_SERVICE_PROXY_STATE_CLOSED) {
    proxy.state = WS_SERVICE_PROXY_STATE_CLOSED;
    return S_OK;
  }
  proxy.requireState(fn, WS_SERVICE_PROXY_STATE_OPEN, WS_SERVICE_PROXY_STATE_FAULTED);
  if (asyncContext === null) throw wouldBlock(fn, "the calls in flight and the channels to close");
  proxy.state = WS_SERVICE_PROXY_STATE_CLOSING;
  return waitForCalls(proxy).then(async () => {
    await proxy.channels.close();
    proxy.state = WS_SERVICE_PROXY_STATE_CLOSED;
    return S_OK;
  });
}

/** Settles when every call in flight has, or aborts the proxy's calls when MAX_CLOSE_TIMEOUT passes first. */
function waitForCalls(proxy: ServiceProxyObject): Promise<void> {
  if (proxy.calls.size === 0) return Promise.resolve();
  const settled = Promise.allSettled([...proxy.calls].map((call) => call.promise)).then(() => {});
  const timeout = proxy.settings.maxCloseTimeout;
  return new Promise<void>((resolve) => {
    const stopTimer = startTimeout(timeout, () => {
      abortCalls(proxy);
      resolve();
    });
    settled.then(() => {
      stopTimer();
      resolve();
    });
  });
}

function abortCalls(proxy: ServiceProxyObject): void {
  for (const call of [...proxy.calls]) call.abort();
  proxy.channels.abort();
}

/**
 * WsAbortServiceProxy: "If the service proxy is opening … The service proxy will cancel all pending
 * I/O and transition back to WS_SERVICE_PROXY_STATE_CREATED state. If the service proxy is already
 * open … abort all underlying channels and transition to the WS_SERVICE_PROXY_STATE_FAULTED state.
 * Once the abort is initiated, the service proxy will not accept any new calls … If the service
 * proxy is closing … all underlying channels are aborted, and the service proxy transitions to the
 * WS_SERVICE_PROXY_STATE_CLOSED state." Calls in flight complete with WS_E_OPERATION_ABORTED.
 */
export function WsAbortServiceProxy(serviceProxy: WS_SERVICE_PROXY, _error: WS_ERROR | null): HRESULT {
  const proxy = proxyObject(serviceProxy);
  abortCalls(proxy);
  switch (proxy.state) {
    case WS_SERVICE_PROXY_STATE_OPENING:
      proxy.state = WS_SERVICE_PROXY_STATE_CREATED;
      // The aborted channels cannot open again: the next WsOpenServiceProxy gets new ones.
      proxy.channels.free(true);
      proxy.address = null;
      break;
    case WS_SERVICE_PROXY_STATE_OPEN:
      proxy.state = WS_SERVICE_PROXY_STATE_FAULTED;
      break;
    case WS_SERVICE_PROXY_STATE_CLOSING:
      proxy.state = WS_SERVICE_PROXY_STATE_CLOSED;
      break;
  }
  return S_OK;
}

/** WsResetServiceProxy: from CREATED or CLOSED back to CREATED with the same properties, for another WsOpenServiceProxy. */
export function WsResetServiceProxy(serviceProxy: WS_SERVICE_PROXY, _error: WS_ERROR | null): HRESULT {
  const proxy = proxyObject(serviceProxy);
  proxy.requireState("WsResetServiceProxy", WS_SERVICE_PROXY_STATE_CREATED, WS_SERVICE_PROXY_STATE_CLOSED);
  proxy.channels.free(true);
  proxy.address = null;
  proxy.opening = null;
  proxy.state = WS_SERVICE_PROXY_STATE_CREATED;
  return S_OK;
}

/** WsFreeServiceProxy: calls still in flight are aborted and the channels freed, so nothing outlives the handle. */
export function WsFreeServiceProxy(serviceProxy: WS_SERVICE_PROXY): void {
  const proxy = proxyObject(serviceProxy);
  abortCalls(proxy);
  proxy.channels.free(false);
  markFreed(proxy);
}
