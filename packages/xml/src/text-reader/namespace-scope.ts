import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED, type WS_XML_STRING } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { bytesEqual } from "../text-utils/xml-string.js";
import { EMPTY_XML_STRING, xmlString } from "./xml-nodes.js";

const encoder = new TextEncoder();
export const XML_NAMESPACE = xmlString(encoder.encode("http://www.w3.org/XML/1998/namespace"));
const XMLNS_NAMESPACE_BYTES = encoder.encode("http://www.w3.org/2000/xmlns/");

interface Binding {
  prefix: string;
  ns: WS_XML_STRING;
}

/**
 * The namespace declarations in scope, innermost last. Each element records how many bindings
 * existed before it (its mark) and drops back to it at its end. The number of declarations in
 * scope is WS_XML_READER_PROPERTY_MAX_NAMESPACES's quota.
 */
export class NamespaceScope {
  private readonly bindings: Binding[] = [];

  constructor(private readonly maxNamespaces: number) {}

  mark(): number {
    return this.bindings.length;
  }

  popTo(mark: number): void {
    if (this.bindings.length !== mark) this.bindings.length = mark;
  }

  declare(prefix: string, ns: WS_XML_STRING, where: () => string): void {
    if (prefix === "xml" && !bytesEqual(ns.bytes, XML_NAMESPACE.bytes)) {
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: the prefix "xml" cannot be bound to another namespace ${where()}.`);
    }
    if (prefix === "xmlns") throw new WsError(WS_E_INVALID_FORMAT, `XML reader: the prefix "xmlns" cannot be declared ${where()}.`);
    // Namespaces in XML 1.0: the XML namespace belongs to "xml" alone, and the xmlns namespace to no
    // declaration at all.
    if (prefix !== "xml" && bytesEqual(ns.bytes, XML_NAMESPACE.bytes)) {
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: only the prefix "xml" may be bound to the XML namespace ${where()}.`);
    }
    if (bytesEqual(ns.bytes, XMLNS_NAMESPACE_BYTES))
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: no prefix may be bound to the xmlns namespace ${where()}.`);
    if (prefix !== "" && ns.bytes.length === 0) {
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: the prefix "${prefix}" cannot be bound to the empty namespace ${where()}.`);
    }
    if (this.bindings.length >= this.maxNamespaces) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `XML reader: more than ${this.maxNamespaces} namespace declarations in scope ${where()} (WS_XML_READER_PROPERTY_MAX_NAMESPACES).`,
      );
    }
    this.bindings.push({ prefix, ns });
  }

  /** The namespace a prefix is bound to, or undefined. The default namespace is prefix "". */
  lookup(prefix: string): WS_XML_STRING | undefined {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i]!;
      if (binding.prefix === prefix) return binding.ns;
    }
    if (prefix === "xml") return XML_NAMESPACE;
    if (prefix === "") return EMPTY_XML_STRING;
    return undefined;
  }

  /** The innermost prefix bound to `ns`, or undefined (WsGetPrefixFromNamespace). */
  prefixOf(ns: Uint8Array): string | undefined {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i]!;
      if (bytesEqual(binding.ns.bytes, ns) && this.lookup(binding.prefix) === binding.ns) return binding.prefix;
    }
    return undefined;
  }
}
