import {
  type HRESULT,
  type Ref,
  S_FALSE,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  type WS_HEAP,
  type WS_XML_READER,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { chargeHeap, WsError } from "@wwsapi/core/internal";
import type { NamespaceLookup } from "../reader/node-source.js";
import { xmlString } from "../text-reader/xml-nodes.js";
import { decodeUtf8, encodeUtf8 } from "../text-utils/xml-string.js";
import { quoted } from "./lexical.js";
import { contentText } from "./read-value.js";
import { checkXmlString, readerOf, readerPosition } from "./reader-cursor.js";

/** WsGetNamespaceFromPrefix: "For the prefix "xmlns" it will return the namespace "http://www.w3.org/2000/xmlns/"". */
const XMLNS_NAMESPACE = xmlString(encodeUtf8("http://www.w3.org/2000/xmlns/"));

/**
 * The namespace `prefix` is bound to where the reader is: the declarations in scope, "" for the
 * default namespace ("" when none is declared), the XML namespace for "xml" and the xmlns one for
 * "xmlns"; undefined when the prefix is not bound.
 */
function namespaceOf(namespaces: NamespaceLookup, prefix: string): WS_XML_STRING | undefined {
  return prefix === "xmlns" ? XMLNS_NAMESPACE : namespaces.lookup(prefix);
}

/**
 * WsGetNamespaceFromPrefix: "If the value of the required parameter is set to TRUE and the Prefix
 * is not bound to any namespace a WS_E_INVALID_FORMAT exception will be returned. If the required
 * parameter is FALSE, and the Prefix is not bound to any namespace the ns parameter will be NULL
 * and the function will return S_FALSE." The string returned is the reader's own ("valid only
 * until the reader advances"). The declarations of an element are in scope on the element itself
 * (Windows, in Wine's conformance tests: "<t xmlns:prefix='ns'>" on t gives "ns" for "prefix").
 */
export function WsGetNamespaceFromPrefix(
  reader: WS_XML_READER,
  prefix: WS_XML_STRING,
  required: boolean,
  ns: Ref<WS_XML_STRING | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetNamespaceFromPrefix";
  checkXmlString(fn, "prefix", prefix);
  const source = readerOf(reader).input(fn);
  const found = namespaceOf(source.namespaces, decodeUtf8(prefix.bytes));
  if (found !== undefined) {
    ns.value = found;
    return S_OK;
  }
  if (required)
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the prefix ${quoted(decodeUtf8(prefix.bytes))} is not bound to a namespace here.`);
  ns.value = null;
  return S_FALSE;
}

/** The text before the first ':' of a qualified name as it is read, piece by piece. */
class PrefixFinder {
  private fed = 0;
  private head: Uint8Array[] = [];
  prefix: string | null = null;

  /** Looks at the parts not seen yet; once a ':' is found, `prefix` is the text before it. */
  feed(parts: readonly Uint8Array[]): void {
    for (; this.prefix === null && this.fed < parts.length; this.fed++) {
      const part = parts[this.fed]!;
      const colon = part.indexOf(0x3a);
      this.head.push(colon < 0 ? part : part.subarray(0, colon));
      if (colon >= 0) this.prefix = decodeUtf8(Buffer.concat(this.head)).replace(/^[ \t\r\n]+/, "");
    }
  }
}

/**
 * WsReadQualifiedName: "Reads a qualified name and separates it into its prefix, localName and
 * namespace based on the current namespace scope … If the ns parameter is specified, then the
 * namespace that the prefix is bound to will be returned, or WS_E_INVALID_FORMAT will be
 * returned … The strings are placed in the specified heap." The qualified name is the content
 * (read as WsReadValue reads it, trimmed of white space), split at its first ':'. As Wine's
 * conformance tests record of Windows, only that split is checked: an empty content, an empty
 * prefix before ':' (":t") and an empty local name ("p:") are refused, while the local name is
 * taken as it is ("p:t u" gives "t u", "p: t" gives " t", "p:t:" gives "t:"); without ':' the
 * prefix is "" and the namespace the default one. The prefix is resolved in the scope of the
 * content's element, before the reader moves on to its end element. On failure no output is set.
 */
export function WsReadQualifiedName(
  reader: WS_XML_READER,
  heap: WS_HEAP,
  prefix: Ref<WS_XML_STRING> | null,
  localName: Ref<WS_XML_STRING>,
  ns: Ref<WS_XML_STRING> | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadQualifiedName";
  const target = readerOf(reader);
  const source = target.input(fn);
  const finder = new PrefixFinder();
  // The prefix as far as the text read so far tells, and its namespace in the content's scope.
  const resolved = { done: false, prefix: "", ns: undefined as WS_XML_STRING | undefined };
  const text = contentText(target, fn, (parts) => {
    finder.feed(parts);
    const candidate = finder.prefix ?? "";
    if (resolved.done && resolved.prefix === candidate) return;
    resolved.done = true;
    resolved.prefix = candidate;
    resolved.ns = namespaceOf(source.namespaces, candidate);
  });
  const invalid = (why: string) =>
    new WsError(WS_E_INVALID_FORMAT, `${fn}: ${text === "" ? "the content" : quoted(text)} ${why}${readerPosition(target)}.`);
  if (text === "") throw invalid("is empty where a qualified name was expected");
  const colon = text.indexOf(":");
  if (colon === 0) throw invalid("has no prefix before ':'");
  const prefixText = colon < 0 ? "" : text.slice(0, colon);
  const localText = colon < 0 ? text : text.slice(colon + 1);
  if (localText === "") throw invalid("has no local name after ':'");
  let namespace: WS_XML_STRING | undefined;
  if (ns !== null) {
    // Resolved before the reader left the content; read without moving (on an element's start
    // tag, or inside an attribute), the scope is still the one where the text stands.
    namespace = resolved.done && resolved.prefix === prefixText ? resolved.ns : namespaceOf(source.namespaces, prefixText);
    if (namespace === undefined) throw invalid(`has the prefix ${quoted(prefixText)}, which is not bound to a namespace`);
  }
  const prefixBytes = encodeUtf8(prefixText);
  const localBytes = encodeUtf8(localText);
  const nsBytes = namespace === undefined ? null : namespace.bytes.slice();
  chargeHeap(fn, heap, prefixBytes.length + localBytes.length + (nsBytes?.length ?? 0), "the qualified name");
  if (prefix !== null) prefix.value = xmlString(prefixBytes);
  localName.value = xmlString(localBytes);
  if (ns !== null) ns.value = xmlString(nsBytes!);
  return S_OK;
}
