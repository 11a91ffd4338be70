import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_PULL_BYTES_CALLBACK,
  type WS_PUSH_BYTES_CALLBACK,
  WS_S_ASYNC,
  type WS_WRITE_CALLBACK,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { TextWriter } from "../writer/text-writer.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { asyncWithoutContext, callApplication, callbackFailed } from "./application-callback.js";

/**
 * WsPushBytes and WsPullBytes. Both hand the writing of bytes to a callback; "If the encoding
 * cannot take advantage of this behavior, then WsPushBytes will invoke the callback immediately
 * and operate as if WsWriteBytes was called" (WsPullBytes: "… on the resulting data"). Only MTOM
 * could defer the callback, so here it always runs at once, and the bytes are written as
 * WsWriteBytes writes them (base64 in text, pieces joining into one text). Both complete
 * synchronously: the callbacks get no WS_ASYNC_CONTEXT.
 */

/**
 * WsPushBytes: the callback gets a WS_WRITE_CALLBACK, "The callback function for writing bytes to
 * the document", valid while the callback runs.
 */
export function WsPushBytes(
  writer: WS_XML_WRITER,
  callback: WS_PUSH_BYTES_CALLBACK,
  callbackState: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsPushBytes";
  const what = "WS_PUSH_BYTES_CALLBACK";
  (writer as unknown as XmlWriterObject).write(fn, (document) => {
    let open = true;
    const write: { failure: WsError | null } = { failure: null };
    const writeCallback: WS_WRITE_CALLBACK = (_state, buffers) => {
      if (!open) return WS_E_INVALID_OPERATION;
      try {
        for (const bytes of writtenBuffers(fn, buffers)) document.base64(fn, bytes, "bytes");
        return S_OK;
      } catch (thrown) {
        if (!(thrown instanceof WsError)) throw thrown;
        // The push callback sees the HRESULT; WsPushBytes fails with the reason even if it ignores it.
        write.failure ??= thrown;
        return thrown.hr;
      }
    };
    let hr: HRESULT;
    try {
      // The caller's WS_ERROR is not lent: this call holds it, so the callback could not use it.
      hr = callApplication(fn, what, () => callback(callbackState, writeCallback, null, null, null));
    } finally {
      open = false;
    }
    if (write.failure !== null) throw write.failure;
    if (hr === WS_S_ASYNC) throw asyncWithoutContext(fn, what);
    if (hr < 0) throw callbackFailed(fn, what, hr);
  });
  return S_OK;
}

/** What a WS_WRITE_CALLBACK was given: an array of WS_BYTES (Uint8Arrays), or null for none. */
function writtenBuffers(fn: string, buffers: unknown): readonly Uint8Array[] {
  if (buffers === null) return [];
  if (!Array.isArray(buffers) || !buffers.every((bytes) => bytes instanceof Uint8Array)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the WS_WRITE_CALLBACK takes an array of WS_BYTES (Uint8Arrays) or null, not ${describeValue(buffers)}.`,
    );
  }
  return buffers as Uint8Array[];
}

/**
 * How many bytes WsPullBytes asks for at a time. The docs leave it to the writer; the text is the
 * same whatever it is (base64 pieces join), and writing stops at WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.
 */
const PULL_SIZE = 4096;

/**
 * WsPullBytes: the callback fills the writer's buffer ("offers a way to request the writer to
 * provide the buffer that must be filled with data") until it reports no more data ("Returning 0
 * indicates that there is no more data").
 */
export function WsPullBytes(
  writer: WS_XML_WRITER,
  callback: WS_PULL_BYTES_CALLBACK,
  callbackState: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsPullBytes";
  const what = "WS_PULL_BYTES_CALLBACK";
  (writer as unknown as XmlWriterObject).write(fn, (document) => pull(fn, what, document, callback, callbackState));
  return S_OK;
}

function pull(fn: string, what: string, document: TextWriter, callback: WS_PULL_BYTES_CALLBACK, callbackState: unknown): void {
  const buffer = new Uint8Array(PULL_SIZE);
  for (;;) {
    const actualSize: Ref<number> = { value: 0 };
    const hr = callApplication(fn, what, () => callback(callbackState, buffer, actualSize, null, null));
    if (hr === WS_S_ASYNC) throw asyncWithoutContext(fn, what);
    if (hr < 0) throw callbackFailed(fn, what, hr);
    const size: unknown = actualSize.value;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 0 || size > buffer.length) {
      throw new WsError(
        E_INVALIDARG,
        `${fn}: the ${what} reported ${String(size)} bytes read into a buffer of ${buffer.length} (actualSize must be 0 to maxSize).`,
      );
    }
    if (size === 0) return;
    document.base64(fn, buffer.subarray(0, size), "bytes");
  }
}
