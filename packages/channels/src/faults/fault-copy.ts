import {
  E_INVALIDARG,
  type HRESULT,
  ref,
  type WS_FAULT,
  type WS_FAULT_CODE,
  type WS_FAULT_REASON,
  type WS_HEAP,
  type WS_XML_BUFFER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
} from "@wwsapi/core";
import { chargeHeap, createHeap, describeValue, stringBytes, WsError } from "@wwsapi/core/internal";
import { XmlBufferObject, xmlImplementation as xml } from "@wwsapi/xml/internal";

/**
 * Copies of faults, strings and XML buffers onto a heap, as WWSAPI makes them ("The error object
 * will make a copy of the WS_FAULT"; WsCreateFaultFromError's fault lives on the caller's heap).
 * The heap is charged what the C structures would take (64-bit): WS_FAULT 64 bytes, WS_FAULT_CODE
 * 72, WS_FAULT_REASON 32, strings at 2 bytes per UTF-16 unit, XML strings at their bytes.
 */

const FAULT_SIZE = 64;
const FAULT_CODE_SIZE = 72;
const FAULT_REASON_SIZE = 32;
/** Subcodes followed: a cycle in a caller's chain would otherwise never end. */
const MAX_CODES = 64;

/** An xml implementation function called on behalf of `fn`: its failure is reported for `fn`. */
export function inner(fn: string, name: string, operation: () => HRESULT): HRESULT {
  try {
    return operation();
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    throw new WsError(thrown.hr, `${fn}: ${thrown.message.replace(new RegExp(`^${name}: `), "")}`);
  }
}

/** A heap of the library's own (for what a WS_ERROR keeps). */
export function ownHeap(): WS_HEAP {
  return createHeap(2 ** 31, 0);
}

/** A writer appending to a new buffer on `heap`; several top-level elements are allowed. */
export function bufferWriter(fn: string, heap: WS_HEAP): { buffer: WS_XML_BUFFER; writer: WS_XML_WRITER } {
  const buffer = ref<WS_XML_BUFFER | null>(null);
  inner(fn, "WsCreateXmlBuffer", () => xml.WsCreateXmlBuffer(heap, null, buffer, null));
  const writer = ref<WS_XML_WRITER | null>(null);
  inner(fn, "WsCreateWriter", () => xml.WsCreateWriter(null, writer, null));
  const fragments = [{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }];
  inner(fn, "WsSetOutputToBuffer", () => xml.WsSetOutputToBuffer(writer.value!, buffer.value!, fragments as never, null));
  return { buffer: buffer.value!, writer: writer.value! };
}

/** A WS_XML_BUFFER given by the caller (or null). */
export function checkedBuffer(fn: string, value: unknown, path: string): WS_XML_BUFFER | null {
  if (value === null || value === undefined) return null;
  if (value instanceof XmlBufferObject) return value as unknown as WS_XML_BUFFER;
  throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a WS_XML_BUFFER or null, not ${describeValue(value)}.`);
}

/** A copy of `source` in a new buffer on `heap`. */
export function copyBuffer(fn: string, source: WS_XML_BUFFER, heap: WS_HEAP): WS_XML_BUFFER {
  const { buffer, writer } = bufferWriter(fn, heap);
  inner(fn, "WsWriteXmlBuffer", () => xml.WsWriteXmlBuffer(writer, source, null));
  return buffer;
}

function checkedXmlString(fn: string, value: unknown, path: string): WS_XML_STRING {
  if (typeof value === "object" && value !== null && (value as WS_XML_STRING).bytes instanceof Uint8Array) return value as WS_XML_STRING;
  throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a WS_XML_STRING, not ${describeValue(value)}.`);
}

/** A copy of an XML string (its bytes; a dictionary string stays one, as the dictionary outlives it). */
export function copyXmlString(fn: string, value: unknown, heap: WS_HEAP | null, path: string): WS_XML_STRING {
  const s = checkedXmlString(fn, value, path);
  if (heap !== null) chargeHeap(fn, heap, s.bytes.length, path);
  return { bytes: s.bytes.slice(), dictionary: s.dictionary, id: s.id };
}

function checkedString(fn: string, value: unknown, path: string): string {
  if (typeof value === "string") return value;
  throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a string (a WS_STRING), not ${describeValue(value)}.`);
}

function ownedString(fn: string, value: unknown, heap: WS_HEAP, path: string): string {
  const s = checkedString(fn, value ?? "", path);
  chargeHeap(fn, heap, stringBytes(s), path);
  return s;
}

const plain = <T>(fields: object): T => Object.assign(Object.create(null), fields) as T;

/**
 * A deep copy of a caller's WS_FAULT on `heap`, checked: "There must be at least one fault code"
 * (a code chain of at most 64, so that a cycle is refused), reasons an array of WS_FAULT_REASON.
 * An empty reasons array is accepted: WsCreateFaultFromError fills in a reason then.
 */
export function copyFault(fn: string, value: unknown, heap: WS_HEAP, path: string): WS_FAULT {
  if (typeof value !== "object" || value === null)
    throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a WS_FAULT, not ${describeValue(value)}.`);
  const fault = value as WS_FAULT;
  chargeHeap(fn, heap, FAULT_SIZE, path);
  const codes: WS_FAULT_CODE[] = [];
  let codePath = `${path}.code`;
  for (let code: unknown = fault.code; code !== null && code !== undefined; code = (code as WS_FAULT_CODE).subCode) {
    if (codes.length === MAX_CODES)
      throw new WsError(E_INVALIDARG, `${fn}: ${path}.code has more than ${MAX_CODES} subcodes (is its chain a cycle?).`);
    if (typeof code !== "object")
      throw new WsError(E_INVALIDARG, `${fn}: ${codePath} must be a WS_FAULT_CODE, not ${describeValue(code)}.`);
    const qname = (code as WS_FAULT_CODE).value;
    if (typeof qname !== "object" || qname === null) throw new WsError(E_INVALIDARG, `${fn}: ${codePath}.value must be a WS_XML_QNAME.`);
    chargeHeap(fn, heap, FAULT_CODE_SIZE, codePath);
    const copy = plain<WS_FAULT_CODE>({
      value: {
        localName: copyXmlString(fn, qname.localName, heap, `${codePath}.value.localName`),
        ns: copyXmlString(fn, qname.ns, heap, `${codePath}.value.ns`),
      },
      subCode: null,
    });
    if (codes.length > 0) codes[codes.length - 1]!.subCode = copy;
    codes.push(copy);
    codePath = `${codePath}.subCode`;
  }
  if (codes.length === 0) throw new WsError(E_INVALIDARG, `${fn}: ${path}.code is NULL, but "There must be at least one fault code".`);
  if (!Array.isArray(fault.reasons))
    throw new WsError(E_INVALIDARG, `${fn}: ${path}.reasons must be an array of WS_FAULT_REASON, not ${describeValue(fault.reasons)}.`);
  const reasons = (fault.reasons as readonly WS_FAULT_REASON[]).map((reason, i) => {
    const at = `${path}.reasons[${i}]`;
    if (typeof reason !== "object" || reason === null)
      throw new WsError(E_INVALIDARG, `${fn}: ${at} must be a WS_FAULT_REASON, not ${describeValue(reason)}.`);
    chargeHeap(fn, heap, FAULT_REASON_SIZE, at);
    return plain<WS_FAULT_REASON>({
      text: ownedString(fn, reason.text, heap, `${at}.text`),
      lang: ownedString(fn, reason.lang, heap, `${at}.lang`),
    });
  });
  const detail = checkedBuffer(fn, fault.detail, `${path}.detail`);
  return plain<WS_FAULT>({
    code: codes[0]!,
    reasons,
    actor: ownedString(fn, fault.actor, heap, `${path}.actor`),
    node: ownedString(fn, fault.node, heap, `${path}.node`),
    detail: detail === null ? null : copyBuffer(fn, detail, heap),
  });
}
