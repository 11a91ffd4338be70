import { ref, WS_E_INVALID_FORMAT, type WS_XML_STRING } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlString } from "../text-utils/xml-string.js";
import { WsGetPrefixFromNamespace, WsWriteXmlnsAttribute } from "../writer/writer-functions.js";
import { type SerialWriter, XSI_NAMESPACE } from "./serial-writer.js";

const TYPE = xmlString("type");

/** Candidate prefixes for the type's namespace: "a" … "z", as the writer generates them. */
const CANDIDATES = Array.from({ length: 26 }, (_, i) => String.fromCharCode(0x61 + i));

/**
 * xsi:type="prefix:localName" on the element being started, naming a subtype (WS_FIELD_MAPPING's
 * example `<field xsi:type='Derived'>`). A qualified name in an attribute value needs its prefix
 * bound where it stands: the prefix already in scope for the type's namespace, or else the first
 * of "a" … "z" that can be declared on this element (declared before xsi:type, whose own prefix
 * the writer then generates past it). Failures are reported for the serialization function.
 */
export function writeXsiType(out: SerialWriter, localName: WS_XML_STRING, ns: WS_XML_STRING): void {
  const found = ref<WS_XML_STRING | null>(null);
  wrap(out.fn, "WsGetPrefixFromNamespace", () => WsGetPrefixFromNamespace(out.writer, ns, false, found, null));
  if (found.value === null) declare(out, ns);
  out.startAttribute(null, TYPE, XSI_NAMESPACE);
  out.qualifiedName(localName, ns);
  out.endAttribute();
}

function declare(out: SerialWriter, ns: WS_XML_STRING): void {
  let last: WsError | undefined;
  for (const candidate of CANDIDATES) {
    try {
      WsWriteXmlnsAttribute(out.writer, xmlString(candidate), ns, false, null);
      return;
    } catch (thrown) {
      // A prefix bound to another namespace on this element is refused: try the next one.
      if (!(thrown instanceof WsError) || thrown.hr !== WS_E_INVALID_FORMAT) throw rename(out.fn, "WsWriteXmlnsAttribute", thrown);
      last = thrown;
    }
  }
  throw rename(out.fn, "WsWriteXmlnsAttribute", last);
}

function wrap(fn: string, inner: string, call: () => unknown): void {
  try {
    call();
  } catch (thrown) {
    throw rename(fn, inner, thrown);
  }
}

function rename(fn: string, inner: string, thrown: unknown): unknown {
  if (!(thrown instanceof WsError)) return thrown;
  const message = thrown.message.startsWith(`${inner}: `) ? thrown.message.slice(inner.length + 2) : thrown.message;
  return new WsError(thrown.hr, `${fn}: ${message}`);
}
