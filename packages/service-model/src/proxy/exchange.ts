import { channelsImplementation as channels, messageOf, receivedFault } from "@wwsapi/channels/internal";
import {
  type HRESULT,
  ref,
  S_OK,
  WS_BLANK_MESSAGE,
  type WS_CHANNEL,
  WS_E_ENDPOINT_DISCONNECTED,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  type WS_FAULT,
  type WS_HEAP,
  type WS_MESSAGE,
  type WS_MESSAGE_PROPERTIES,
  type WS_PROXY_MESSAGE_CALLBACK_CONTEXT,
  WS_REQUEST_MESSAGE,
  WS_S_END,
  WS_WRITE_REQUIRED_VALUE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { readBodyValue, writeOptionFor } from "../call/body-io.js";
import type { OperationPlan } from "../call/body-layout.js";
import { completion, INTERNAL_ASYNC } from "../call/completion.js";
import { faultBody } from "../call/fault-body.js";
import { applyReply } from "../call/parameter-values.js";
import { actionText } from "../call/xml-text.js";
import type { PendingCall } from "./pending-call.js";

/** What one WsCall sends and where its reply goes. */
export interface CallExchange {
  readonly plan: OperationPlan;
  readonly requestBody: unknown;
  readonly argumentValues: readonly unknown[] | null;
  readonly heap: WS_HEAP;
  readonly error: WS_ERROR | null;
  readonly call: PendingCall;
  readonly messageProperties: WS_MESSAGE_PROPERTIES | null;
  /** WS_CALL_PROPERTY_SEND_MESSAGE_CONTEXT / RECEIVE_MESSAGE_CONTEXT. */
  readonly sendContext: WS_PROXY_MESSAGE_CALLBACK_CONTEXT | null;
  readonly receiveContext: WS_PROXY_MESSAGE_CALLBACK_CONTEXT | null;
  /** WS_CALL_PROPERTY_CHECK_MUST_UNDERSTAND (default TRUE): the reply's mustUnderstand headers must have been understood. */
  readonly checkMustUnderstand: boolean;
}

function newMessage(channel: WS_CHANNEL, properties: WS_MESSAGE_PROPERTIES | null): WS_MESSAGE {
  const message = ref<WS_MESSAGE | null>(null);
  channels.WsCreateMessageForChannel(channel, properties?.properties ?? null, message, null);
  return message.value!;
}

/** Calls a WS_PROXY_MESSAGE_CALLBACK; a failure it returns (or throws) fails the call. */
function runMessageCallback(context: WS_PROXY_MESSAGE_CALLBACK_CONTEXT | null, message: WS_MESSAGE, heap: WS_HEAP, what: string): void {
  const callback = context?.callback;
  if (typeof callback !== "function") return;
  const hr = callback(message, heap, context!.state, null);
  if (typeof hr === "number" && hr < 0) throw new WsError(hr, `WsCall: the ${what} callback (WS_PROXY_MESSAGE_CALLBACK) failed.`);
}

/**
 * One call on a channel: the request (WS_REQUEST_MESSAGE: a MessageID to correlate the reply; a
 * one-way operation sends a blank message and waits for nothing more), then the reply. A fault reply
 * is WS_E_ENDPOINT_FAULT_RECEIVED with the fault kept on the caller's WS_ERROR
 * (WS_FAULT_ERROR_PROPERTY_FAULT). When the call has already completed (timed out, abandoned,
 * aborted) before the reply arrives, the reply is dropped unread: the caller's heap and arguments
 * are no longer the call's.
 */
export async function exchange(channel: WS_CHANNEL, x: CallExchange): Promise<HRESULT> {
  const { plan } = x;
  const operation = plan.operation;
  const input = operation.inputMessageDescription!;
  const request = newMessage(channel, x.messageProperties);
  let reply: WS_MESSAGE | null = null;
  try {
    channels.WsInitializeMessage(request, plan.oneWay ? WS_BLANK_MESSAGE : WS_REQUEST_MESSAGE, null, null);
    runMessageCallback(x.sendContext, request, x.heap, "send message context");
    const body = input.bodyElementDescription;
    await completion(
      channels.WsSendMessage(
        channel,
        request,
        input,
        body === null ? WS_WRITE_REQUIRED_VALUE : writeOptionFor(body),
        x.requestBody,
        INTERNAL_ASYNC,
        null,
      ),
    );
    if (plan.oneWay) return S_OK;
    reply = newMessage(channel, x.messageProperties);
    const started = await completion(channels.WsReadMessageStart(channel, reply, INTERNAL_ASYNC, null));
    if (started === WS_S_END) throw new WsError(WS_E_ENDPOINT_DISCONNECTED, "WsCall: the channel ended without a reply.");
    if (x.call.settled) {
      channels.WsAbandonMessage(channel, reply, null);
      return S_OK;
    }
    const received = messageOf(reply);
    if (received.isFault) {
      const fault = readBodyValue(reply, faultBody(received.envelopeVersion), x.heap) as WS_FAULT;
      channels.WsReadMessageEnd(channel, reply, null, null);
      throw receivedFault("WsCall", x.error, fault);
    }
    runMessageCallback(x.receiveContext, reply, x.heap, "receive message context");
    // After the receive callback, which may have read (and marked understood) headers of its own.
    if (x.checkMustUnderstand) channels.WsCheckMustUnderstandHeaders(reply, null);
    const output = operation.outputMessageDescription!;
    const expected = actionText(output.action);
    const actual = received.action;
    if (expected !== null && actual !== null && actual !== expected) {
      channels.WsAbandonMessage(channel, reply, null);
      throw new WsError(WS_E_INVALID_FORMAT, `WsCall: the reply's action "${actual}" is not the expected "${expected}".`);
    }
    const outputBody = output.bodyElementDescription;
    const value = outputBody === null ? null : readBodyValue(reply, outputBody, x.heap);
    channels.WsReadMessageEnd(channel, reply, null, null);
    if (!x.call.settled) applyReply("WsCall", plan, x.argumentValues, value);
    return S_OK;
  } finally {
    channels.WsFreeMessage(request);
    if (reply !== null) {
      // A reply left half read (a bad body) would stop the session's next read: give it up first.
      try {
        channels.WsAbandonMessage(channel, reply, null);
      } catch {
        // It was read to its end, or never started.
      }
      channels.WsFreeMessage(reply);
    }
  }
}
