import { channelsImplementation as channels } from "@wwsapi/channels/internal";
import {
  ref,
  type WS_ELEMENT_DESCRIPTION,
  type WS_HEAP,
  type WS_MESSAGE,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_BUFFER_TYPE,
} from "@wwsapi/core";

/**
 * The read and write options of a body element: values (structs, numbers ...) are read and
 * written as values; WS_WSZ_TYPE and WS_XML_BUFFER_TYPE allow only the pointer options.
 */
const POINTER_TYPES = new Set<number>([WS_WSZ_TYPE, WS_XML_BUFFER_TYPE]);

export const writeOptionFor = (body: WS_ELEMENT_DESCRIPTION) =>
  POINTER_TYPES.has(body.type) ? WS_WRITE_REQUIRED_POINTER : WS_WRITE_REQUIRED_VALUE;
export const readOptionFor = (body: WS_ELEMENT_DESCRIPTION) =>
  POINTER_TYPES.has(body.type) ? WS_READ_REQUIRED_POINTER : WS_READ_REQUIRED_VALUE;

/** Reads a message's body element (the message is after its envelope start) onto `heap`. */
export function readBodyValue(message: WS_MESSAGE, body: WS_ELEMENT_DESCRIPTION, heap: WS_HEAP): unknown {
  const value = ref<unknown>(null);
  channels.WsReadBody(message, body, readOptionFor(body), heap, value, null);
  return value.value;
}
