/** The namespaces the prefixes "xml" and "xmlns" are bound to by definition (Namespaces in XML 1.0 §3). */
export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

interface Binding {
  prefix: string;
  ns: string;
}

/**
 * The namespace declarations the writer has written and that are in scope, innermost last. An
 * element records the count before its declarations (its mark) and drops back to it at its end.
 * The default namespace is the prefix "". Prefixes and namespaces are JS strings decoded from
 * well-formed UTF-8, so comparing strings compares the bytes.
 */
export class WriterScope {
  private readonly bindings: Binding[] = [];

  get count(): number {
    return this.bindings.length;
  }

  mark(): number {
    return this.bindings.length;
  }

  popTo(mark: number): void {
    // Most elements declare nothing: setting an array's length is not free even when it is unchanged.
    if (this.bindings.length > mark) this.bindings.length = mark;
  }

  push(prefix: string, ns: string): void {
    this.bindings.push({ prefix, ns });
  }

  /** The namespace `prefix` is bound to, or undefined. With no declaration, "" is bound to "" and "xml" to its namespace. */
  lookup(prefix: string): string | undefined {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i]!;
      if (binding.prefix === prefix) return binding.ns;
    }
    if (prefix === "") return "";
    if (prefix === "xml") return XML_NAMESPACE;
    return undefined;
  }

  /**
   * The innermost prefix bound to `ns` whose binding is still in effect, or undefined. The
   * default namespace ("") counts only when `allowDefault` (attributes cannot use it).
   */
  prefixOf(ns: string, allowDefault: boolean): string | undefined {
    if (ns === XML_NAMESPACE) return "xml";
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i]!;
      if (binding.ns !== ns || (binding.prefix === "" && !allowDefault)) continue;
      if (this.lookup(binding.prefix) === ns) return binding.prefix;
    }
    if (ns === "" && allowDefault && this.lookup("") === "") return "";
    return undefined;
  }
}
