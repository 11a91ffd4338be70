import { channelsImplementation as channels } from "@wwsapi/channels/internal";
import {
  E_INVALIDARG,
  type HRESULT,
  ref,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_OPEN,
  WS_E_ENDPOINT_ACTION_NOT_SUPPORTED,
  type WS_ERROR,
  WS_FULL_FAULT_DISCLOSURE,
  type WS_HEAP,
  type WS_MESSAGE,
  type WS_SERVICE_CONTRACT,
  WS_WRITE_REQUIRED_VALUE,
} from "@wwsapi/core";
import { createError, createHeap, freeError, freeHeap, recordFailure, WsError } from "@wwsapi/core/internal";
import { readBodyValue, writeOptionFor } from "../call/body-io.js";
import type { OperationPlan } from "../call/body-layout.js";
import { completion, INTERNAL_ASYNC } from "../call/completion.js";
import { frameFromRequest, replyFromFrame } from "../call/parameter-values.js";
import { receivedAction } from "../call/received-action.js";
import { actionText } from "../call/xml-text.js";
import { OperationContextObject } from "../operation-context/index.js";
import type { EndpointRuntime, ServiceHostObject } from "./host-object.js";
import { invokeCallback, recordOn } from "./invoke-callback.js";

const FN = "WS_SERVICE_HOST";

/** The function-table entry of operation `index` (WS_SERVICE_CONTRACT.methodTable: an array, or an object whose properties are in the operations' order). */
export function methodFor(contract: WS_SERVICE_CONTRACT, index: number): unknown {
  const table = contract.methodTable;
  if (table === null || table === undefined) return null;
  if (Array.isArray(table)) return table[index] ?? null;
  if (typeof table === "object") return Object.values(table)[index] ?? null;
  return null;
}

function newMessage(channel: WS_CHANNEL, runtime: EndpointRuntime): WS_MESSAGE {
  const message = ref<WS_MESSAGE | null>(null);
  channels.WsCreateMessageForChannel(channel, runtime.settings.messageProperties?.properties ?? null, message, null);
  return message.value!;
}

function channelIsOpen(channel: WS_CHANNEL): boolean {
  const state = ref<unknown>(null);
  channels.WsGetChannelProperty(channel, WS_CHANNEL_PROPERTY_STATE, state, null);
  return state.value === WS_CHANNEL_STATE_OPEN;
}

/** The body heap of one operation: WS_SERVICE_ENDPOINT_PROPERTY_BODY_HEAP_MAX_SIZE / TRIM_SIZE (endpoint-settings.ts checked both as ULONGs). */
function bodyHeap(runtime: EndpointRuntime): WS_HEAP {
  return createHeap(runtime.settings.bodyHeapMaxSize, runtime.settings.bodyHeapTrimSize);
}

/** Sends a fault for `error` in reply to `request`, unless the channel can no longer answer. */
async function sendFault(
  host: ServiceHostObject,
  channel: WS_CHANNEL,
  reply: WS_MESSAGE,
  request: WS_MESSAGE,
  error: WS_ERROR,
  hr: HRESULT,
  disclosure?: number,
): Promise<void> {
  if (!channelIsOpen(channel)) return;
  channels.WsResetMessage(reply, null);
  await completion(
    channels.WsSendFaultMessageForError(
      channel,
      reply,
      error,
      hr,
      (disclosure ?? host.settings.faultDisclosure) as never,
      request,
      INTERNAL_ASYNC,
      null,
    ),
  ).catch(() => {});
}

/**
 * Answers a request the channel could not read (malformed, the wrong content type or SOAP version,
 * too large) with a fault for the receive's failure, as WsSendFaultMessageForError does for a
 * request that was never read: an uncorrelated fault. Without it the client would get an empty
 * HTTP 202 for its bad request.
 */
export async function answerUnreadableRequest(
  host: ServiceHostObject,
  runtime: EndpointRuntime,
  channel: WS_CHANNEL,
  request: WS_MESSAGE,
  thrown: unknown,
): Promise<void> {
  const error = createError();
  const reply = newMessage(channel, runtime);
  try {
    await sendFault(host, channel, reply, request, error, recordOn(error, "WsReadMessageStart", thrown));
  } finally {
    channels.WsFreeMessage(reply);
    freeError(error);
  }
}

/** Gives up what is left of the request (its body unread after a failure), so the channel can read on. */
function abandonRequest(channel: WS_CHANNEL, request: WS_MESSAGE): void {
  try {
    channels.WsAbandonMessage(channel, request, null);
  } catch {
    // It was read to its end already.
  }
}

/**
 * Serves one request whose envelope start has been read: finds the operation by the request's
 * action, reads the body onto the operation's heap (synchronously, so that the channel may read its
 * next message), calls the operation's WS_SERVICE_STUB_CALLBACK with the frame (the same array as
 * WsCall's arguments, Refs for the outputs) and the contract's function-table entry, and sends the
 * reply made from the frame — or, when the stub fails, a fault made from its WS_ERROR
 * (WsSendFaultMessageForError with WS_SERVICE_PROPERTY_FAULT_DISCLOSURE). An action no operation
 * has goes to the contract's default message handler, or is answered with a fault for
 * WS_E_ENDPOINT_ACTION_NOT_SUPPORTED ("The remote endpoint indicates that the specified action is
 * not supported.").
 */
export function dispatch(
  host: ServiceHostObject,
  runtime: EndpointRuntime,
  channel: WS_CHANNEL,
  request: WS_MESSAGE,
  channelUserState: unknown,
): Promise<void> {
  try {
    return serve(host, runtime, channel, request, channelUserState);
  } catch {
    // The operation's heap, error or reply could not be made: the request is given up unanswered.
    abandonRequest(channel, request);
    return Promise.resolve();
  }
}

function serve(
  host: ServiceHostObject,
  runtime: EndpointRuntime,
  channel: WS_CHANNEL,
  request: WS_MESSAGE,
  channelUserState: unknown,
): Promise<void> {
  const contract = runtime.endpoint.contract!;
  const heap = bodyHeap(runtime);
  const error = createError();
  const reply = newMessage(channel, runtime);
  const context = new OperationContextObject({
    channel,
    listener: runtime.listener!,
    contract: contract.contractDescription,
    endpointAddress: runtime.endpoint.address,
    hostUserState: host.settings.hostUserState,
    channelUserState,
    inputMessage: request,
    outputMessage: reply,
    heap,
  });
  host.operations.add(context);
  const done = () => {
    context.finish();
    host.operations.delete(context);
    channels.WsFreeMessage(reply);
    freeError(error);
    freeHeap(heap);
  };
  let running: Promise<void>;
  try {
    running = start(host, runtime, channel, request, reply, context, error, heap);
  } catch (thrown) {
    running = Promise.reject(thrown);
  }
  return running
    .catch(async (thrown: unknown) => {
      abandonRequest(channel, request);
      await sendFault(host, channel, reply, request, error, recordOn(error, FN, thrown));
    })
    .finally(done);
}

/** The synchronous part (the action, the body) runs before the first await. */
function start(
  host: ServiceHostObject,
  runtime: EndpointRuntime,
  channel: WS_CHANNEL,
  request: WS_MESSAGE,
  reply: WS_MESSAGE,
  context: OperationContextObject,
  error: WS_ERROR,
  heap: WS_HEAP,
): Promise<void> {
  const contract = runtime.endpoint.contract!;
  const action = receivedAction(request);
  const index = runtime.plans.findIndex((plan) => actionText(plan.operation.inputMessageDescription?.action) === action);
  if (index < 0) return unknownAction(host, contract, channel, request, reply, context, error, action);
  const plan = runtime.plans[index]!;
  const input = plan.operation.inputMessageDescription!.bodyElementDescription;
  const requestBody = input === null ? null : readBodyValue(request, input, heap);
  channels.WsReadMessageEnd(channel, request, null, null);
  const frame = frameFromRequest(plan, requestBody);
  return runOperation(host, channel, request, reply, context, error, plan, frame, methodFor(contract, index));
}

async function runOperation(
  host: ServiceHostObject,
  channel: WS_CHANNEL,
  request: WS_MESSAGE,
  reply: WS_MESSAGE,
  context: OperationContextObject,
  error: WS_ERROR,
  plan: OperationPlan,
  frame: unknown[],
  method: unknown,
): Promise<void> {
  const stub = plan.operation.stubCallback;
  if (typeof stub !== "function") throw new WsError(E_INVALIDARG, `${FN}: the operation has no stubCallback (WS_OPERATION_DESCRIPTION).`);
  const hr = await invokeCallback("WS_SERVICE_STUB_CALLBACK", error, (asyncContext) =>
    stub(context as never, frame, method, asyncContext, error),
  );
  if (plan.oneWay) return;
  if (hr < 0) {
    await sendFault(host, channel, reply, request, error, hr);
    return;
  }
  const output = plan.operation.outputMessageDescription!;
  const body = replyFromFrame(FN, plan, frame);
  const writeOption = output.bodyElementDescription === null ? WS_WRITE_REQUIRED_VALUE : writeOptionFor(output.bodyElementDescription);
  await completion(channels.WsSendReplyMessage(channel, reply, output, writeOption, body, request, INTERNAL_ASYNC, null));
}

async function unknownAction(
  host: ServiceHostObject,
  contract: WS_SERVICE_CONTRACT,
  channel: WS_CHANNEL,
  request: WS_MESSAGE,
  reply: WS_MESSAGE,
  context: OperationContextObject,
  error: WS_ERROR,
  action: string | null,
): Promise<void> {
  const handler = contract.defaultMessageHandlerCallback;
  if (typeof handler === "function") {
    const hr = await invokeCallback("WS_SERVICE_MESSAGE_RECEIVE_CALLBACK", error, (asyncContext) =>
      handler(context as never, asyncContext, error),
    );
    // What the handler left of the request is given up, so that the channel can close in order.
    abandonRequest(channel, request);
    if (hr < 0) await sendFault(host, channel, reply, request, error, hr);
    return;
  }
  abandonRequest(channel, request);
  recordFailure(error, [`The action "${action ?? ""}" is not supported by this endpoint.`]);
  // The reason names the action whatever the disclosure: it tells the caller what it got wrong, not how the service works.
  await sendFault(host, channel, reply, request, error, WS_E_ENDPOINT_ACTION_NOT_SUPPORTED, WS_FULL_FAULT_DISCLOSURE);
}
