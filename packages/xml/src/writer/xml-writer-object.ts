import { E_INVALIDARG, E_NOTIMPL, WS_E_INVALID_OPERATION, WS_E_OBJECT_FAULTED } from "@wwsapi/core";
import { HandleBase, WsError } from "@wwsapi/core/internal";
import type { TextWriter } from "./text-writer.js";
import { DEFAULT_WRITER_SETTINGS, type WriterSettings } from "./writer-properties.js";

/**
 * WS_XML_WRITER. `settings` are the properties given to WsCreateWriter; WsSetOutput may override
 * them for one output (`active`). `document` is the document being written, null until
 * WsSetOutput gives the writer an output (or after WsSetOutput with a NULL encoding, which "sets
 * the writer up so that any attempt to write to it will fail").
 *
 * WsCreateWriter: "If an operation on a WS_XML_WRITER fails the writer is left in a faulted state
 * and further calls to the Writer return WS_E_OBJECT_FAULTED … The only possible function calls
 * … are WsSetOutput and WsSetOutputToBuffer … or WsFreeWriter." A failure that is a bad argument
 * (E_INVALIDARG, which Windows returns without harm: its conformance tests write on after one) or
 * a part not implemented here (E_NOTIMPL) does not fault the writer; queries (WsGetWriterProperty,
 * WsGetPrefixFromNamespace) still answer on a faulted writer, so that what was written can be seen.
 */
export class XmlWriterObject extends HandleBase<"WS_XML_WRITER", "single"> {
  active: WriterSettings;
  document: TextWriter | null = null;
  failure: WsError | null = null;

  constructor(readonly settings: WriterSettings = { ...DEFAULT_WRITER_SETTINGS }) {
    super("WS_XML_WRITER", "single");
    this.active = settings;
  }

  /** The document, or the reason nothing can be written. */
  writable(functionName: string): TextWriter {
    if (this.failure !== null) {
      throw new WsError(
        WS_E_OBJECT_FAULTED,
        `${functionName}: the writer is faulted by an earlier failure (${this.failure.message}); call WsSetOutput to use it again.`,
      );
    }
    return this.current(functionName);
  }

  /** The document, faulted or not (for queries). */
  current(functionName: string): TextWriter {
    if (this.document === null) {
      throw new WsError(WS_E_INVALID_OPERATION, `${functionName}: the writer has no output; call WsSetOutput first.`);
    }
    return this.document;
  }

  /** Runs a writing operation; a failure faults the writer (see the class comment). */
  write<T>(functionName: string, operation: (document: TextWriter) => T): T {
    const document = this.writable(functionName);
    try {
      return operation(document);
    } catch (thrown) {
      if (thrown instanceof WsError && thrown.hr !== E_INVALIDARG && thrown.hr !== E_NOTIMPL) this.failure = thrown;
      throw thrown;
    }
  }
}
