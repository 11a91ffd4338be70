import { type AsyncCompletion, E_INVALIDARG, E_NOTIMPL, type HRESULT, S_OK, type WS_ASYNC_CONTEXT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { callbackFailed, callWithContext } from "./application-callback.js";
import type { StreamOutput } from "./stream-output.js";

const FN = "WsFlushWriter";
const CALLBACK = "WS_WRITE_CALLBACK";

/**
 * WsFlushWriter on a writer with stream output: "Instructs the writer to invoke the callback
 * specified in WS_XML_WRITER_STREAM_OUTPUT if sufficient data has been buffered". minSize: "If
 * fewer than this number of bytes are buffered, then the callback will not be invoked. … Zero
 * should be specified to guarantee that the callback is invoked" (so it is, with no buffer when
 * nothing is buffered). A start tag not yet committed is not buffered yet: "If WsWriteStartElement
 * has been called, but the element has not been committed … then this element will not be
 * flushed."
 *
 * The buffered bytes go to the callback in one WS_BYTES and leave the writer's buffer at once;
 * they stay valid for the callback (the writer goes on in a new buffer). "By specifying a
 * WS_ASYNC_CONTEXT the buffered data will be written asynchronously": a callback that returns
 * WS_S_ASYNC is waited for; without a context that fails at once. A failed write faults the
 * writer, as any failed operation does.
 */
export function flushStreamOutput(
  target: XmlWriterObject,
  output: StreamOutput,
  minSize: number,
  asyncContext: WS_ASYNC_CONTEXT | null,
): HRESULT | AsyncCompletion {
  if (output.length < minSize) return S_OK;
  const bytes = output.takeBuffered();
  let outcome: ReturnType<typeof callWithContext>;
  try {
    // The caller's WS_ERROR is not lent: this call holds it, so the callback could not use it.
    outcome = callWithContext(FN, CALLBACK, asyncContext !== null, (context) =>
      output.writeCallback(output.writeCallbackState, bytes.length === 0 ? [] : [bytes], context, null),
    );
    if (typeof outcome === "number") return written(outcome);
  } catch (thrown) {
    throw faultWriter(target, thrown);
  }
  const completion: Promise<HRESULT> & AsyncCompletion = outcome.then(({ hr, callbackModel }) => {
    completion.callbackModel = callbackModel;
    try {
      return written(hr);
    } catch (thrown) {
      throw faultWriter(target, thrown);
    }
  });
  return completion;
}

function written(hr: HRESULT): HRESULT {
  if (hr < 0) throw callbackFailed(FN, CALLBACK, hr);
  return S_OK;
}

/** XmlWriterObject.write's rule: a failure faults the writer, unless it is a bad argument or a missing part. */
function faultWriter(target: XmlWriterObject, thrown: unknown): unknown {
  if (thrown instanceof WsError && thrown.hr !== E_INVALIDARG && thrown.hr !== E_NOTIMPL) target.failure = thrown;
  return thrown;
}
