import {
  WsAddErrorString,
  WsCopyError,
  WsCreateError,
  WsFreeError,
  WsGetErrorProperty,
  WsGetErrorString,
  WsResetError,
  WsSetErrorProperty,
} from "./errors/error-functions.js";
import type { CoreImplementation } from "./gen/implementation.js";
import { WsAlloc, WsCreateHeap, WsFreeHeap, WsGetHeapProperty, WsResetHeap } from "./heap/heap-functions.js";
import { WsDateTimeToFileTime, WsFileTimeToDateTime } from "./time/file-time.js";
import { WsCombineUrl, WsDecodeUrl, WsEncodeUrl } from "./url/url-functions.js";

/**
 * The functions of @wwsapi/core implemented so far; the generated flat API dispatches to them and
 * returns E_NOTIMPL for the rest (docs/api-status.md).
 */
export const implementation = {
  WsCreateError,
  WsAddErrorString,
  WsGetErrorString,
  WsGetErrorProperty,
  WsSetErrorProperty,
  WsResetError,
  WsCopyError,
  WsFreeError,
  WsCreateHeap,
  WsAlloc,
  WsGetHeapProperty,
  WsResetHeap,
  WsFreeHeap,
  WsDecodeUrl,
  WsEncodeUrl,
  WsCombineUrl,
  WsFileTimeToDateTime,
  WsDateTimeToFileTime,
} satisfies Partial<CoreImplementation>;
