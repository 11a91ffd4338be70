import {
  type AsyncCompletion,
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CALLBACK_MODEL,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  WS_LONG_CALLBACK,
  type WS_XML_READER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { AttributeSource } from "../reader-content/attribute-source.js";
import { type CallbackCompletion, callbackFailed, callWithContext } from "./application-callback.js";
import { StreamSource } from "./stream-source.js";

const FN = "WsFillReader";
const CALLBACK = "WS_READ_CALLBACK";

/**
 * WsFillReader: "Ensures that the reader has buffered the minimum byte count of XML data for use by
 * subsequent reader functions. It will invoke the callback specified by WS_XML_READER_STREAM_INPUT
 * as many times as necessary to obtain the number of bytes specified by the value of the minSize
 * parameter." It stops early when the callback reports the end of the data ("Returning 0 indicates
 * that there is no more data"). "If the current byte count buffered is equal to or greater than the
 * value of minSize the function will do nothing"; with buffer input it "is a no-op".
 *
 * Each call of the callback may fill what is left of the WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE
 * buffer; a minSize larger than that buffer cannot be met (WS_E_QUOTA_EXCEEDED, and nothing is read).
 * With a context, a callback that returns WS_S_ASYNC is waited for and WsFillReader completes
 * later; without one, that fails at once (WS_E_INVALID_OPERATION). A failure of the callback fails
 * the reader, as any failed read does.
 */
export function WsFillReader(
  reader: WS_XML_READER,
  minSize: number,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const target = reader as unknown as XmlReaderObject;
  let source = target.input(FN);
  if (source instanceof AttributeSource) source = source.elementSource;
  if (!(source instanceof StreamSource)) return S_OK;
  if (minSize > source.bufferSize) {
    throw new WsError(
      WS_E_QUOTA_EXCEEDED,
      `${FN}: minSize ${minSize} is more than the ${source.bufferSize} bytes the reader buffers (WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE).`,
    );
  }
  // Already buffered (the usual case when a reader fills before every node): nothing to call.
  if (source.buffered >= minSize || source.ended) return S_OK;
  const fill = new Fill(source, minSize, asyncContext !== null);
  let result: HRESULT | Promise<HRESULT>;
  try {
    result = fill.run();
  } catch (thrown) {
    throw failReader(target, thrown);
  }
  if (typeof result === "number") return result;
  const completion: Promise<HRESULT> & AsyncCompletion = result.then(
    (hr) => {
      // The caller's callback runs as the last read completed (inside its I/O completion or not).
      completion.callbackModel = fill.callbackModel;
      return hr;
    },
    (thrown: unknown) => {
      completion.callbackModel = fill.callbackModel;
      throw failReader(target, thrown);
    },
  );
  return completion;
}

/** The reader keeps a failure (XmlReaderObject): reading on from a broken stream cannot be right. */
function failReader(target: XmlReaderObject, thrown: unknown): unknown {
  if (thrown instanceof WsError) target.failure = thrown;
  return thrown;
}

/** One WsFillReader: calls the read callback until enough is buffered, synchronously for as long as it can. */
class Fill {
  callbackModel: WS_CALLBACK_MODEL = WS_LONG_CALLBACK;

  constructor(
    private readonly source: StreamSource,
    private readonly minSize: number,
    private readonly canWait: boolean,
  ) {}

  run(): HRESULT | Promise<HRESULT> {
    const source = this.source;
    while (source.buffered < this.minSize && !source.ended) {
      const bytes = source.room();
      const actualSize: Ref<number> = { value: 0 };
      // The caller's WS_ERROR is not lent: this call holds it, so the callback could not use it.
      const outcome = callWithContext(FN, CALLBACK, this.canWait, (context) =>
        source.readCallback(source.readCallbackState, bytes, actualSize, context, null),
      );
      if (typeof outcome !== "number") return outcome.then((completion) => this.resume(completion, bytes, actualSize));
      this.accept(outcome, bytes, actualSize.value);
    }
    return S_OK;
  }

  private resume(completion: CallbackCompletion, bytes: Uint8Array, actualSize: Ref<number>): HRESULT | Promise<HRESULT> {
    this.callbackModel = completion.callbackModel;
    this.accept(completion.hr, bytes, actualSize.value);
    return this.run();
  }

  private accept(hr: HRESULT, bytes: Uint8Array, actualSize: unknown): void {
    if (hr < 0) throw callbackFailed(FN, CALLBACK, hr);
    if (typeof actualSize !== "number" || !Number.isInteger(actualSize) || actualSize < 0 || actualSize > bytes.length) {
      throw new WsError(
        E_INVALIDARG,
        `${FN}: the ${CALLBACK} reported ${String(actualSize)} bytes read into a buffer of ${bytes.length} (actualSize must be 0 to maxSize).`,
      );
    }
    // "Returning size of 0 in the actualSize output parameter indicates the end of the file."
    if (actualSize === 0) this.source.end();
    else this.source.append(bytes.subarray(0, actualSize));
  }
}
