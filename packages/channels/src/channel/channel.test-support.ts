import {
  ref,
  S_OK,
  type WS_CHANNEL,
  type WS_ELEMENT_DESCRIPTION,
  WS_ELEMENT_FIELD_MAPPING,
  type WS_ERROR,
  type WS_FIELD_DESCRIPTION,
  type WS_HEAP,
  WS_INT32_TYPE,
  type WS_LISTENER,
  type WS_MESSAGE,
  type WS_MESSAGE_DESCRIPTION,
  WS_STRUCT_TYPE,
  type WS_XML_STRING,
  WsCreateError,
  WsCreateHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import {
  WsCreateChannel,
  WsCreateChannelForListener,
  WsCreateListener,
  WsCreateMessageForChannel,
  WsGetChannelProperty,
} from "../index.js";

export const x = (text: string): WS_XML_STRING => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 }) as WS_XML_STRING;
export const text = (bytes: Uint8Array | AsyncIterable<Uint8Array>) => new TextDecoder().decode(bytes as Uint8Array);

export function newHeap(): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(1 << 16, 0, null, heap)).toBe(S_OK);
  return heap.value!;
}

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, error)).toBe(S_OK);
  return error.value!;
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

const TEMPURI = x("http://tempuri.org/");

function field(localName: string, offset: string): WS_FIELD_DESCRIPTION {
  return {
    mapping: WS_ELEMENT_FIELD_MAPPING,
    localName: x(localName),
    ns: TEMPURI,
    type: WS_INT32_TYPE,
    typeDescription: null,
    offset,
    options: 0,
    defaultValue: null,
    countOffset: 0,
    itemLocalName: null,
    itemNs: null,
    itemRange: null,
  } as unknown as WS_FIELD_DESCRIPTION;
}

function struct(fields: WS_FIELD_DESCRIPTION[]) {
  return {
    size: 8 * fields.length,
    alignment: 8,
    fields,
    typeLocalName: null,
    typeNs: null,
    parentType: null,
    subTypes: [],
    structOptions: 0,
  };
}

/** The Calculator contract of the golden captures: Add { a, b } → AddResponse { AddResult }. */
export const ADD_ELEMENT = {
  elementLocalName: x("Add"),
  elementNs: TEMPURI,
  type: WS_STRUCT_TYPE,
  typeDescription: struct([field("a", "a"), field("b", "b")]),
} as unknown as WS_ELEMENT_DESCRIPTION;
export const ADD_RESPONSE_ELEMENT = {
  elementLocalName: x("AddResponse"),
  elementNs: TEMPURI,
  type: WS_STRUCT_TYPE,
  typeDescription: struct([field("AddResult", "AddResult")]),
} as unknown as WS_ELEMENT_DESCRIPTION;
export const ADD_ACTION = "http://tempuri.org/ICalculator/Add";
export const ADD_RESPONSE_ACTION = "http://tempuri.org/ICalculator/AddResponse";
export const ADD_REQUEST: WS_MESSAGE_DESCRIPTION = { action: x(ADD_ACTION), bodyElementDescription: ADD_ELEMENT };
export const ADD_REPLY: WS_MESSAGE_DESCRIPTION = { action: x(ADD_RESPONSE_ACTION), bodyElementDescription: ADD_RESPONSE_ELEMENT };

/** Puts the nil UUID in place of each random MessageID. */
export const zeroIds = (xml: string) => xml.replace(/urn:uuid:[0-9a-f-]{36}/g, "urn:uuid:00000000-0000-0000-0000-000000000000");
