import { compareCodePoints } from "./code-point-order.js";

/** Prefix → namespace; "" is the default namespace. Never changed once made: a child adds to a copy. */
export type Bindings = ReadonlyMap<string, string>;

export const NO_BINDINGS: Bindings = new Map();

export interface Binding {
  prefix: string;
  ns: string;
}

/** `bindings` with `added` on top (the same map when they change nothing). */
export function withBindings(bindings: Bindings, added: readonly Binding[]): Bindings {
  let result: Map<string, string> | null = null;
  for (const { prefix, ns } of added) {
    if ((result ?? bindings).get(prefix) === ns) continue;
    result ??= new Map(bindings);
    result.set(prefix, ns);
  }
  return result ?? bindings;
}

/** What namespace rendering needs to know of an element: the prefixes its name and its attributes' names use. */
export interface ElementNames {
  prefix: string;
  ns: string;
  attributes: readonly Binding[];
}

/**
 * The namespace declarations canonical XML writes on an element, sorted by prefix (the default
 * namespace, whose prefix is empty, first: "Namespace nodes … are sorted lexicographically by
 * local name (the default namespace node, if one exists, has no local name and is therefore
 * lexicographically least)", Canonical XML 1.0 §2.2).
 *
 * `scope` holds the namespaces in scope at the element (the document's, not only the canonicalized
 * part's); `rendered` those already written on its output ancestors.
 *
 * Which namespace nodes are candidates:
 * - Canonical XML (inclusive): every namespace in scope ("all namespace nodes", §2.3);
 * - Exclusive: those the element "visibly utilizes" (its own prefix, the default namespace when
 *   it has none, and the prefixes of its attributes; an unprefixed attribute uses no namespace),
 *   plus those in scope whose prefix is in the InclusiveNamespaces PrefixList, which "are handled
 *   as in Canonical XML" (RFC 3741 §3).
 *
 * A candidate is written unless an output ancestor already wrote the same prefix with the same
 * value (Canonical XML: "ignored if the nearest ancestor element … has a namespace node … with the
 * same local name and value"; RFC 3741 §3, condition 3). The default namespace with an empty value
 * is `xmlns=""`, written only to undo a non-empty default an output ancestor wrote. The prefix xml
 * is never declared ("xmlns:xml" is implied).
 */
export function namespacesToRender(
  exclusive: boolean,
  inclusivePrefixes: readonly string[],
  element: ElementNames,
  scope: Bindings,
  rendered: Bindings,
): Binding[] {
  const candidates = new Map<string, string>();
  if (exclusive) {
    candidates.set(element.prefix, element.ns);
    for (const attribute of element.attributes) if (attribute.prefix !== "") candidates.set(attribute.prefix, attribute.ns);
    for (const prefix of inclusivePrefixes) {
      const ns = prefix === "" ? (scope.get("") ?? "") : scope.get(prefix);
      if (ns !== undefined) candidates.set(prefix, ns);
    }
  } else {
    for (const [prefix, ns] of scope) candidates.set(prefix, ns);
    if (!candidates.has("")) candidates.set("", "");
  }
  const declarations: Binding[] = [];
  for (const [prefix, ns] of candidates) {
    if (prefix === "xml") continue;
    const inEffect = rendered.get(prefix) ?? (prefix === "" ? "" : undefined);
    if (inEffect !== ns) declarations.push({ prefix, ns });
  }
  return declarations.sort((a, b) => compareCodePoints(a.prefix, b.prefix));
}
