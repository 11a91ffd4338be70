import {
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  type WS_CHANNEL,
  type WS_ERROR,
  type WS_LISTENER,
  type WS_MESSAGE,
  type WS_MESSAGE_DESCRIPTION,
  WS_READ_REQUIRED_POINTER,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_WRITE_REQUIRED_POINTER,
  WsAddErrorString,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import {
  WsCreateChannel,
  WsCreateChannelForListener,
  WsCreateListener,
  WsCreateMessageForChannel,
  WsGetChannelProperty,
  WsReceiveMessageAsync,
  WsRequestReply,
  WsRequestReplyAsync,
} from "../index.js";
import { ADD_ELEMENT, ADD_RESPONSE_ELEMENT, newError, newHeap, x } from "../message/message.test-support.js";

export { ADD_ELEMENT, ADD_RESPONSE_ELEMENT, newError, newHeap, x, zeroIds } from "../message/message.test-support.js";

export const text = (bytes: Uint8Array | AsyncIterable<Uint8Array>) => new TextDecoder().decode(bytes as Uint8Array);

/** An error object holding `text`, as a service reports a failure. */
export function errorWith(text: string): WS_ERROR {
  const error = newError();
  WsAddErrorString(error, text);
  return error;
}

export function errorString(error: WS_ERROR, index = 0): string {
  const value = ref<string>("");
  expect(WsGetErrorString(error, index, value)).toBe(S_OK);
  return value.value;
}

export function channel(type: number, binding: number, properties: { id: number; value: unknown }[] | null = null): WS_CHANNEL {
  const created = ref<WS_CHANNEL | null>(null);
  expect(WsCreateChannel(type as never, binding as never, properties as never, null, created)).toBe(S_OK);
  return created.value!;
}

export function listener(type: number, binding: number): WS_LISTENER {
  const created = ref<WS_LISTENER | null>(null);
  expect(WsCreateListener(type as never, binding as never, null, null, created)).toBe(S_OK);
  return created.value!;
}

export function channelFor(of: WS_LISTENER, properties: { id: number; value: unknown }[] | null = null): WS_CHANNEL {
  const created = ref<WS_CHANNEL | null>(null);
  expect(WsCreateChannelForListener(of, properties as never, created)).toBe(S_OK);
  return created.value!;
}

export function messageFor(on: WS_CHANNEL): WS_MESSAGE {
  const message = ref<WS_MESSAGE | null>(null);
  expect(WsCreateMessageForChannel(on, null, message)).toBe(S_OK);
  return message.value!;
}

export function channelProperty(on: WS_CHANNEL, id: number): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetChannelProperty(on, id as never, value)).toBe(S_OK);
  return value.value;
}

export const address = (url: string) => ({ url, headers: null, extensions: null, identity: null });

export const ADD_ACTION = "http://tempuri.org/ICalculator/Add";
export const ADD_RESPONSE_ACTION = "http://tempuri.org/ICalculator/AddResponse";
export const ADD_REQUEST: WS_MESSAGE_DESCRIPTION = { action: x(ADD_ACTION), bodyElementDescription: ADD_ELEMENT };
export const ADD_REPLY: WS_MESSAGE_DESCRIPTION = { action: x(ADD_RESPONSE_ACTION), bodyElementDescription: ADD_RESPONSE_ELEMENT };

type Operands = { a: number; b: number };

/** WsReceiveMessageAsync of an Add request into `into`: required, its body on a new heap into `value`. */
export function receiveAdd(
  on: WS_CHANNEL,
  into: WS_MESSAGE,
  value: Ref<unknown> = ref<unknown>(null),
  index: Ref<number> | null = null,
): Promise<HRESULT> {
  return WsReceiveMessageAsync(on, into, [ADD_REQUEST], WS_RECEIVE_REQUIRED_MESSAGE, WS_READ_REQUIRED_POINTER, newHeap(), value, index);
}

/** WsRequestReply's arguments up to the value for Add { a, b } from `request`, the AddResponse read into `reply` and `value` (on a new heap). */
function addArguments(on: WS_CHANNEL, request: WS_MESSAGE, reply: WS_MESSAGE, operands: Operands, value: Ref<unknown>) {
  return [
    on,
    request,
    ADD_REQUEST,
    WS_WRITE_REQUIRED_POINTER,
    operands,
    reply,
    ADD_REPLY,
    WS_READ_REQUIRED_POINTER,
    newHeap(),
    value,
  ] as const;
}

/** WsRequestReplyAsync of Add { a, b }. */
export function requestAdd(
  on: WS_CHANNEL,
  request: WS_MESSAGE,
  reply: WS_MESSAGE,
  operands: Operands,
  value: Ref<unknown> = ref<unknown>(null),
): Promise<HRESULT> {
  return WsRequestReplyAsync(...addArguments(on, request, reply, operands, value));
}

/** WsRequestReply of Add { a, b } with a callback and `error`: resolves the HRESULT the callback gets. */
export function requestAddReportingTo(
  error: WS_ERROR,
  on: WS_CHANNEL,
  request: WS_MESSAGE,
  reply: WS_MESSAGE,
  operands: Operands,
): Promise<HRESULT> {
  return new Promise<HRESULT>((resolve) => {
    WsRequestReply(
      ...addArguments(on, request, reply, operands, ref<unknown>(null)),
      { callback: (hr) => resolve(hr), callbackState: null },
      error,
    );
  });
}
