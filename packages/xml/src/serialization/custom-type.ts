import {
  E_INVALIDARG,
  type HRESULT,
  ref,
  type WS_CUSTOM_TYPE_DESCRIPTION,
  type WS_DEFAULT_VALUE,
  type WS_FIELD_DESCRIPTION,
  type WS_TYPE_MAPPING,
  type WS_XML_READER,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { acquire, describeValue, release, WsError, type WsHandle } from "@wwsapi/core/internal";
import { WsReadEndAttribute, WsReadStartAttribute } from "../reader-content/attributes.js";
import { callApplication, callbackFailed } from "../streams/application-callback.js";
import type { ReadContext } from "./read-context.js";
import type { SerialWriter } from "./serial-writer.js";

/**
 * WS_CUSTOM_TYPE: "a custom mapping between a C data type and an XML element. User-defined
 * callbacks are invoked to do the actual reading and writing" (WS_CUSTOM_TYPE_DESCRIPTION). The
 * callbacks get the reader or writer itself, placed where WsReadType / WsWriteType would be for the
 * mapping (WS_READ_TYPE_CALLBACK: "The callback is invoked with the same calling sequence as
 * WsReadType in the WS_TYPE_MAPPING documentation. This defines the portions of the XML that the
 * callback should read"):
 * - WS_ELEMENT_TYPE_MAPPING, reading: the reader is on the element; the callback reads all of it,
 *   its end included. Writing: the element is started; the callback writes its attributes and
 *   content, and the serializer ends it.
 * - WS_ELEMENT_CONTENT_TYPE_MAPPING: the content where the reader or writer is.
 * - WS_ATTRIBUTE_TYPE_MAPPING: inside the attribute (WsReadStartAttribute / WsWriteStartAttribute
 *   done by the caller, or by the serializer for an attribute field).
 * A callback that returns a failing HRESULT fails the function with it; one that throws (or returns
 * something that is not an HRESULT) is E_FAIL (application-callback.ts).
 */

export const READ_CALLBACK = "WS_CUSTOM_TYPE_DESCRIPTION's readCallback";
export const WRITE_CALLBACK = "WS_CUSTOM_TYPE_DESCRIPTION's writeCallback";
export const IS_DEFAULT_CALLBACK = "WS_CUSTOM_TYPE_DESCRIPTION's isDefaultValueCallback";

/** The WS_CUSTOM_TYPE_DESCRIPTION a WS_CUSTOM_TYPE needs (E_INVALIDARG otherwise). */
export function customDescription(fn: string, description: unknown): WS_CUSTOM_TYPE_DESCRIPTION {
  if (typeof description === "object" && description !== null) return description as WS_CUSTOM_TYPE_DESCRIPTION;
  throw new WsError(E_INVALIDARG, `${fn}: WS_CUSTOM_TYPE needs a WS_CUSTOM_TYPE_DESCRIPTION, not ${describeValue(description)}.`);
}

function callbackOf<T>(fn: string, callback: T | null | undefined, name: string): T {
  if (typeof callback === "function") return callback;
  throw new WsError(E_INVALIDARG, `${fn}: the ${name} is ${describeValue(callback)}, not a function.`);
}

/**
 * Runs a callback with the handles the serialization function holds lent to it: the callback is
 * meant to call the flat API on the very reader (writer, heap) it is given, which the threading
 * guard would otherwise find held by the outer call. Held again afterwards, as they were.
 */
function lending(handles: readonly (WsHandle | null)[], call: () => HRESULT): HRESULT {
  const held: [WsHandle, string][] = [];
  for (const handle of handles) {
    if (handle === null || handle.pendingOperation === null) continue;
    held.push([handle, handle.pendingOperation]);
    release(handle);
  }
  try {
    return call();
  } finally {
    for (const [handle, operation] of held) acquire(handle, operation);
  }
}

function checked(fn: string, what: string, hr: HRESULT): void {
  if (hr < 0) throw callbackFailed(fn, what, hr);
}

/** A WS_CUSTOM_TYPE value read by its readCallback, the reader placed as the module comment says. */
export function readCustom(ctx: ReadContext, mapping: number, description: unknown, what: string): unknown {
  const { fn } = ctx;
  const custom = customDescription(fn, description);
  const readCallback = callbackOf(fn, custom.readCallback, READ_CALLBACK);
  const reader = ctx.target as unknown as WS_XML_READER;
  // The value starts as the zeros of the C buffer would: nothing (null) until the callback fills it.
  const value = ref<unknown>(null);
  const hr = lending([ctx.target, ctx.heap], () =>
    callApplication(fn, `${READ_CALLBACK} (reading ${what})`, () =>
      readCallback(reader, mapping as WS_TYPE_MAPPING, custom.descriptionData ?? null, ctx.heap, value, null),
    ),
  );
  checked(fn, `${READ_CALLBACK} (reading ${what})`, hr);
  return value.value;
}

/**
 * An attribute field of a custom type: the reader, on the struct's element, is moved into the
 * attribute (WsReadStartAttribute, attribute `index` of the element) for the callback, then out.
 */
export function readCustomAttribute(ctx: ReadContext, index: number, mapping: number, description: unknown, what: string): unknown {
  const reader = ctx.target as unknown as WS_XML_READER;
  WsReadStartAttribute(reader, index, null);
  const value = readCustom(ctx, mapping, description, what);
  WsReadEndAttribute(reader, null);
  return value;
}

/** A WS_CUSTOM_TYPE value written by its writeCallback, where the writer is (the module comment). */
export function writeCustom(out: SerialWriter, mapping: number, description: unknown, value: unknown, what: string): void {
  const { fn } = out;
  const custom = customDescription(fn, description);
  const writeCallback = callbackOf(fn, custom.writeCallback, WRITE_CALLBACK);
  const writer: WS_XML_WRITER = out.writer;
  const hr = lending([writer], () =>
    callApplication(fn, `${WRITE_CALLBACK} (writing ${what})`, () =>
      writeCallback(writer, mapping as WS_TYPE_MAPPING, custom.descriptionData ?? null, value, null),
    ),
  );
  checked(fn, `${WRITE_CALLBACK} (writing ${what})`, hr);
}

/**
 * Whether an optional (WS_FIELD_OPTIONAL) field of a custom type holds its default value, and so is
 * left out. WS_IS_DEFAULT_VALUE_CALLBACK: "This callback is used before a value that is handled by
 * a WS_CUSTOM_TYPE is serialized. Support for default values is enabled by specifying when
 * WS_FIELD_OPTIONAL in the WS_FIELD_DESCRIPTION"; defaultValue "If no default value was specified
 * for the field, this parameter will be NULL" (the callback then compares with zero). Without an
 * isDefaultValueCallback the serializer cannot compare a custom value, so it is written.
 */
export function isCustomDefault(fn: string, field: WS_FIELD_DESCRIPTION, value: unknown): boolean {
  const custom = customDescription(fn, field.typeDescription);
  const isDefaultValue = custom.isDefaultValueCallback;
  if (isDefaultValue === null || isDefaultValue === undefined) return false;
  const callback = callbackOf(fn, isDefaultValue, IS_DEFAULT_CALLBACK);
  const given = field.defaultValue as WS_DEFAULT_VALUE | null | undefined;
  const defaultValue = given === null || given === undefined ? null : given.value;
  const isDefault = ref(false);
  const hr = callApplication(fn, IS_DEFAULT_CALLBACK, () => callback(custom.descriptionData ?? null, value, defaultValue, isDefault, null));
  checked(fn, IS_DEFAULT_CALLBACK, hr);
  return isDefault.value === true;
}
