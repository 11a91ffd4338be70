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

/** What indexOf answers when no declaration binds the prefix (bindings are 0 and up). */
export const UNDECLARED = -1;
export const BUILT_IN_XML = -2;
export const BUILT_IN_DEFAULT = -3;

/** Says where the byte at `at` stands ("at line 1, column 13"), for error messages. */
export interface PlaceDescriber {
  describePlace(at: number): string;
}

function placeText(where: (() => string) | PlaceDescriber, at: number): string {
  return typeof where === "function" ? where() : where.describePlace(at);
}

/** Versions are unique across scopes, so a version alone names one scope in one state. */
let lastVersion = 0;

/**
 * The namespace declarations in scope, innermost last. Each element records how many bindings
 * existed before it (its mark) and drops back to it at its end. The number of declarations in
 * scope is WS_XML_READER_PROPERTY_MAX_NAMESPACES's quota.
 */
export class NamespaceScope {
  private readonly bindings: Binding[] = [];
  /**
   * Changes whenever the bindings change: a lookup remembered with the version it was made at
   * holds while the version is the same (the text scanner remembers one per qualified name).
   */
  version = ++lastVersion;

  constructor(private readonly maxNamespaces: number) {}

  mark(): number {
    return this.bindings.length;
  }

  popTo(mark: number): void {
    if (this.bindings.length !== mark) {
      // pop() rather than setting the length, which is a runtime call.
      while (this.bindings.length > mark) this.bindings.pop();
      this.version = ++lastVersion;
    }
  }

  /**
   * Binds `prefix` to `ns`. `where` says where the declaration stands, for the error messages: a
   * function, or (the text scanner, to make no closure per declaration) a PlaceDescriber and `at`.
   */
  declare(prefix: string, ns: WS_XML_STRING, where: (() => string) | PlaceDescriber, at = 0): void {
    if (prefix === "xml" && !bytesEqual(ns.bytes, XML_NAMESPACE.bytes)) {
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: the prefix "xml" cannot be bound to another namespace ${placeText(where, at)}.`);
    }
    if (prefix === "xmlns")
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: the prefix "xmlns" cannot be declared ${placeText(where, at)}.`);
    // Namespaces in XML 1.0: the XML namespace belongs to "xml" alone, and the xmlns namespace to no
    // declaration at all.
    if (prefix !== "xml" && bytesEqual(ns.bytes, XML_NAMESPACE.bytes)) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `XML reader: only the prefix "xml" may be bound to the XML namespace ${placeText(where, at)}.`,
      );
    }
    if (bytesEqual(ns.bytes, XMLNS_NAMESPACE_BYTES))
      throw new WsError(WS_E_INVALID_FORMAT, `XML reader: no prefix may be bound to the xmlns namespace ${placeText(where, at)}.`);
    if (prefix !== "" && ns.bytes.length === 0) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `XML reader: the prefix "${prefix}" cannot be bound to the empty namespace ${placeText(where, at)}.`,
      );
    }
    if (this.bindings.length >= this.maxNamespaces) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `XML reader: more than ${this.maxNamespaces} namespace declarations in scope ${placeText(where, at)} (WS_XML_READER_PROPERTY_MAX_NAMESPACES).`,
      );
    }
    this.bindings.push({ prefix, ns });
    this.version = ++lastVersion;
  }

  /** The namespace a prefix is bound to, or undefined. The default namespace is prefix "". */
  lookup(prefix: string): WS_XML_STRING | undefined {
    return this.at(this.indexOf(prefix));
  }

  /**
   * Where lookup finds `prefix`: the index of its binding, or BUILT_IN_XML, BUILT_IN_DEFAULT or
   * UNDECLARED. An index stays right while `version` does not change.
   */
  indexOf(prefix: string): number {
    for (let i = this.bindings.length - 1; i >= 0; i--) if (this.bindings[i]!.prefix === prefix) return i;
    if (prefix === "xml") return BUILT_IN_XML;
    if (prefix === "") return BUILT_IN_DEFAULT;
    return UNDECLARED;
  }

  /** The namespace at an index from indexOf. */
  at(index: number): WS_XML_STRING | undefined {
    if (index >= 0) return this.bindings[index]!.ns;
    return index === BUILT_IN_XML ? XML_NAMESPACE : index === BUILT_IN_DEFAULT ? EMPTY_XML_STRING : undefined;
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
