import { E_FAIL, hresultName, WS_E_INVALID_OPERATION, WS_S_ASYNC, type WS_WRITE_CALLBACK } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { ByteWriter } from "../shared/byte-writer.js";

/**
 * Where canonical bytes accumulate before they go to the caller's WS_WRITE_CALLBACK.
 *
 * WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE: "A ULONG specifying the size of the buffer
 * in which canonical bytes are accumulated. Once at least this many bytes are generated, or
 * canonicalization is ended by calling WsEndReaderCanonicalization or WsEndWriterCanonicalization,
 * the canonical bytes are written to the output specified at the start of canonicalization." So
 * the buffer holds `size` bytes: each time it is full it is written (every write but the last is
 * exactly `size` bytes), and End writes what is left. The buffer grows with what it holds and is
 * never allocated at `size` up front, so a large ULONG costs nothing until bytes arrive.
 *
 * The callback "will always be invoked synchronously" (WsStartWriterCanonicalization): it gets no
 * WS_ASYNC_CONTEXT, so WS_S_ASYNC is a broken contract, reported as WS_E_INVALID_OPERATION as
 * WsAsyncExecute reports a step that does the same. It gets no WS_ERROR either: the canonical bytes
 * are written from inside whichever reader or writer function produced them, whose WS_ERROR that
 * function holds; a failure the callback returns is reported on that function's WS_ERROR instead.
 * After a failed write nothing more is written: the canonical form is broken, and every later write
 * and the end fail with the same error.
 */
export class CanonicalOutput {
  private pending: ByteWriter;
  private failure: WsError | null = null;

  constructor(
    private readonly callback: WS_WRITE_CALLBACK,
    private readonly callbackState: unknown,
    private readonly size: number,
  ) {
    this.pending = new ByteWriter(this.initialCapacity());
  }

  /** Where the canonicalizer appends the bytes of one node; drain() then writes every full buffer. */
  get bytes(): ByteWriter {
    return this.pending;
  }

  /** Writes every full buffer of `size` bytes; keeps the rest. */
  drain(fn: string): void {
    if (this.failure !== null) throw this.failure;
    if (this.pending.length < this.size) return;
    const all = this.pending.view();
    let at = 0;
    for (; all.length - at >= this.size; at += this.size) this.write(fn, all.slice(at, at + this.size));
    const rest = all.slice(at);
    this.pending = new ByteWriter(this.initialCapacity());
    this.pending.bytes(rest);
  }

  /** Writes whatever is still buffered (nothing when the buffer is empty). */
  finish(fn: string): void {
    this.drain(fn);
    if (this.pending.length === 0) return;
    const rest = this.pending.toBytes();
    this.pending = new ByteWriter(1);
    this.write(fn, rest);
  }

  private initialCapacity(): number {
    return Math.min(this.size, 1024);
  }

  private write(fn: string, chunk: Uint8Array): void {
    let hr: unknown;
    try {
      hr = this.callback(this.callbackState, [chunk], null, null);
    } catch (thrown) {
      const reason = thrown instanceof Error ? thrown.message : String(thrown);
      throw this.fail(thrown instanceof WsError ? thrown.hr : E_FAIL, `${fn}: the canonicalization write callback threw: ${reason}`);
    }
    if (typeof hr !== "number") {
      throw this.fail(E_FAIL, `${fn}: the canonicalization write callback returned ${String(hr)}, not an HRESULT.`);
    }
    if (hr === WS_S_ASYNC) {
      throw this.fail(
        WS_E_INVALID_OPERATION,
        `${fn}: the canonicalization write callback returned WS_S_ASYNC, but it is always called synchronously (with no WS_ASYNC_CONTEXT) and must complete before it returns.`,
      );
    }
    if (hr < 0) throw this.fail(hr, `${fn}: the canonicalization write callback failed with ${hresultName(hr)}.`);
  }

  private fail(hr: number, message: string): WsError {
    this.failure = new WsError(hr, message);
    return this.failure;
  }
}
