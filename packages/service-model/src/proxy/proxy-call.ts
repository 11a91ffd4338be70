import {
  E_INVALIDARG,
  type HRESULT,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CALL_PROPERTY,
  WS_CALL_PROPERTY_CALL_ID,
  WS_CALL_PROPERTY_CHECK_MUST_UNDERSTAND,
  WS_CALL_PROPERTY_RECEIVE_MESSAGE_CONTEXT,
  WS_CALL_PROPERTY_SEND_MESSAGE_CONTEXT,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  type WS_HEAP,
  type WS_OPERATION_DESCRIPTION,
  type WS_PROXY_MESSAGE_CALLBACK_CONTEXT,
  type WS_SERVICE_PROXY,
  WS_SERVICE_PROXY_STATE_CLOSING,
  WS_SERVICE_PROXY_STATE_FAULTED,
  WS_SERVICE_PROXY_STATE_OPEN,
} from "@wwsapi/core";
import { type AsyncCompletion, describeValue, isObject, isUint32, WsError, wouldBlock } from "@wwsapi/core/internal";
import { planOperation } from "../call/body-layout.js";
import { requestBody } from "../call/parameter-values.js";
import { exchange } from "./exchange.js";
import { PendingCall } from "./pending-call.js";
import { proxyObject, type ServiceProxyObject } from "./proxy-object.js";

interface CallOptions {
  callId: number;
  checkMustUnderstand: boolean;
  sendContext: WS_PROXY_MESSAGE_CALLBACK_CONTEXT | null;
  receiveContext: WS_PROXY_MESSAGE_CALLBACK_CONTEXT | null;
}

function callOptions(fn: string, properties: readonly WS_CALL_PROPERTY[] | null): CallOptions {
  const options: CallOptions = { callId: 0, checkMustUnderstand: true, sendContext: null, receiveContext: null };
  for (const [i, property] of (properties ?? []).entries()) {
    if (!isObject(property))
      throw new WsError(E_INVALIDARG, `${fn}: callProperties[${i}] must be a WS_CALL_PROPERTY, not ${describeValue(property)}.`);
    const { id, value } = property;
    switch (id) {
      case WS_CALL_PROPERTY_CALL_ID:
        if (!isUint32(value))
          throw new WsError(E_INVALIDARG, `${fn}: WS_CALL_PROPERTY_CALL_ID must be a ULONG, not ${describeValue(value)}.`);
        options.callId = value as number;
        break;
      case WS_CALL_PROPERTY_CHECK_MUST_UNDERSTAND:
        if (typeof value !== "boolean")
          throw new WsError(E_INVALIDARG, `${fn}: WS_CALL_PROPERTY_CHECK_MUST_UNDERSTAND must be a BOOL, not ${describeValue(value)}.`);
        options.checkMustUnderstand = value;
        break;
      case WS_CALL_PROPERTY_SEND_MESSAGE_CONTEXT:
      case WS_CALL_PROPERTY_RECEIVE_MESSAGE_CONTEXT: {
        if (!isObject(value))
          throw new WsError(
            E_INVALIDARG,
            `${fn}: callProperties[${i}] must hold a WS_PROXY_MESSAGE_CALLBACK_CONTEXT, not ${describeValue(value)}.`,
          );
        if (id === WS_CALL_PROPERTY_SEND_MESSAGE_CONTEXT) options.sendContext = value as WS_PROXY_MESSAGE_CALLBACK_CONTEXT;
        else options.receiveContext = value as WS_PROXY_MESSAGE_CALLBACK_CONTEXT;
        break;
      }
      default:
        throw new WsError(E_INVALIDARG, `${fn}: callProperties[${i}].id ${describeValue(id)} is not a WS_CALL_PROPERTY_ID.`);
    }
  }
  return options;
}

/**
 * WsCall: "format the specified arguments according to the specified metadata and send them in a
 * message", then wait for the reply and write its values into the output arguments
 * (call/parameter-values.ts has the binding of `arguments`). Everything that can be checked is
 * checked before anything is sent: the proxy's state (OPEN), WS_PROXY_PROPERTY_MAX_PENDING_CALLS
 * ("Once the maximum number of pending calls on the service proxy reaches this limit, incoming calls
 * will be rejected with WS_E_QUOTA_EXCEEDED") and the arguments.
 */
export function WsCall(
  serviceProxy: WS_SERVICE_PROXY,
  operation: WS_OPERATION_DESCRIPTION,
  argumentValues: readonly unknown[] | null,
  heap: WS_HEAP,
  callProperties: readonly WS_CALL_PROPERTY[] | null,
  asyncContext: WS_ASYNC_CONTEXT | null,
  error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const fn = "WsCall";
  const proxy = proxyObject(serviceProxy);
  proxy.requireState(fn, WS_SERVICE_PROXY_STATE_OPEN);
  const { maxPendingCalls } = proxy.settings;
  if (proxy.calls.size >= maxPendingCalls) {
    throw new WsError(
      WS_E_QUOTA_EXCEEDED,
      `${fn}: the service proxy already has ${proxy.calls.size} calls pending (WS_PROXY_PROPERTY_MAX_PENDING_CALLS ${maxPendingCalls}).`,
    );
  }
  const plan = planOperation(fn, operation);
  const options = callOptions(fn, callProperties);
  const body = requestBody(fn, plan, argumentValues);
  if (asyncContext === null) throw wouldBlock(fn, "the reply");
  const call = new PendingCall(options.callId, proxy.settings.callTimeout, (done) => proxy.calls.delete(done));
  proxy.calls.add(call);
  const work = proxy.channels.run((channel) =>
    exchange(channel, {
      plan,
      requestBody: body,
      argumentValues,
      heap,
      error,
      call,
      messageProperties: proxy.settings.messageProperties,
      sendContext: options.sendContext,
      receiveContext: options.receiveContext,
      checkMustUnderstand: options.checkMustUnderstand,
    }),
  );
  work.then(
    (hr) => call.complete(hr),
    (thrown: unknown) => {
      call.fail(thrown);
      faultProxyOnSessionFailure(proxy);
    },
  );
  return call.promise;
}

/**
 * "If the channel binding is session based and if the underlying channel faults, the service proxy
 * state machine will transition into the WS_SERVICE_PROXY_STATE_FAULTED state. In the case of
 * non-session based channel binding, a fault in the underlying channel does not cause the proxy to
 * transition into WS_SERVICE_PROXY_STATE_FAULTED state."
 */
function faultProxyOnSessionFailure(proxy: ServiceProxyObject): void {
  if (proxy.channels.session && proxy.state === WS_SERVICE_PROXY_STATE_OPEN && proxy.channels.faulted()) {
    proxy.state = WS_SERVICE_PROXY_STATE_FAULTED;
  }
}

/**
 * WsAbandonCall: the call completes now with WS_E_OPERATION_ABANDONED; "If the call ID is 0, all
 * pending calls on the service proxy are abandoned … the actual I/O associated with the call is not
 * canceled." A call ID no pending call has is E_INVALIDARG; outside OPEN (and the states with calls
 * that may still complete: CLOSING, FAULTED) it is WS_E_INVALID_OPERATION.
 */
export function WsAbandonCall(serviceProxy: WS_SERVICE_PROXY, callId: number, _error: WS_ERROR | null): HRESULT {
  const fn = "WsAbandonCall";
  const proxy = proxyObject(serviceProxy);
  proxy.requireState(fn, WS_SERVICE_PROXY_STATE_OPEN, WS_SERVICE_PROXY_STATE_CLOSING, WS_SERVICE_PROXY_STATE_FAULTED);
  const targets = [...proxy.calls].filter((call) => callId === 0 || call.id === callId);
  if (callId !== 0 && targets.length === 0)
    throw new WsError(E_INVALIDARG, `${fn}: no pending call has the call ID ${callId} (WS_CALL_PROPERTY_CALL_ID).`);
  for (const call of targets) call.abandon();
  return S_OK;
}
