import fc from "fast-check";
import { type Infoset, type InfosetItem, sortAttributes, sortDeclarations } from "./infoset.js";

/**
 * Random XML documents for the property tests, as a model that says how to write each one
 * (prefixes, declarations, quotes, CDATA) and from which its expected infoset follows.
 *
 * Names come from a small alphabet with non-ASCII letters, so that collisions (same local name,
 * same prefix at several depths, a prefix rebound to another namespace) happen often; namespaces
 * include characters that must be escaped in an attribute value. Generation first draws a raw
 * tree, then `bind` walks it with the namespaces in scope and makes it namespace-well-formed:
 * a prefix used by the element and its attributes is bound once per element (an attribute that
 * would rebind it takes the element's binding), unprefixed attributes are in no namespace, no
 * two attributes share an expanded name, and an element declares exactly the bindings that
 * differ from those in scope. Writers then need not add a declaration of their own.
 */

export const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

const LOCAL_NAMES = ["a", "b", "Body", "é", "名前", "x-y", "_z", "Ω1", "a.b", "lang"] as const;
const PREFIXES = ["p", "q", "s", "ns1", "ü"] as const;
/** Non-empty namespaces, some with characters an attribute value must escape. */
const NAMESPACES = ["urn:a", "urn:b", "http://example.com/é", "urn:x?a=1&b=<2>\"'\t", "http://www.w3.org/2003/05/soap-envelope"] as const;

/** Text fragments: characters that need escaping, white space, CR, non-ASCII, astral, and "]]>". */
const TEXT_FRAGMENTS = [
  "a",
  "b",
  " ",
  "<",
  ">",
  "&",
  '"',
  "'",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "é",
  "€",
  "😀",
  "]",
  "]]>",
  "\u0085",
  "\u2028",
  "x y",
];
/** Comments may not hold "--" nor end with "-"; CR would be normalised (so it is left out). */
const COMMENT_FRAGMENTS = ["a", " ", "<", "&", ">", "-x", "é", "😀", "\n", "\t", "]]>"];
/** CDATA may not hold "]]>"; CR would be normalised to LF by the reader (XML 1.0 2.11), so it is left out. */
const CDATA_FRAGMENTS = ["a", " ", "<", "&", ">", "]", "]>", "é", "😀", "\n", "\t", "<!-- x -->"];

export interface ModelAttribute {
  readonly prefix: string;
  readonly localName: string;
  readonly ns: string;
  readonly value: string;
  readonly singleQuote: boolean;
}

export interface ModelDeclaration {
  readonly prefix: string;
  readonly ns: string;
}

export interface ModelElement {
  readonly kind: "element";
  readonly prefix: string;
  readonly localName: string;
  readonly ns: string;
  /** The declarations to write, each differing from the binding in scope. */
  readonly declarations: readonly ModelDeclaration[];
  readonly attributes: readonly ModelAttribute[];
  readonly children: readonly ModelNode[];
}

export type ModelNode =
  | ModelElement
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "cdata"; readonly value: string }
  | { readonly kind: "comment"; readonly value: string };

export interface ModelDocument {
  /** Comments before the root element. */
  readonly before: readonly string[];
  readonly root: ModelElement;
  /** Comments after the root element. */
  readonly after: readonly string[];
}

// --- raw trees ------------------------------------------------------------------------------

interface RawAttribute {
  prefix: number; // 0: none; PREFIXES.length + 1: "xml"
  ns: number;
  localName: string;
  value: string;
  singleQuote: boolean;
}

interface RawElement {
  kind: "element";
  prefix: number; // 0: none
  ns: number; // for no prefix, 0 is the empty namespace
  localName: string;
  attributes: RawAttribute[];
  extra: { prefix: number; ns: number }[];
  children: RawNode[];
}

type RawNode = RawElement | { kind: "text" | "cdata" | "comment"; value: string };

const joined = (fragments: readonly string[], maxLength: number) =>
  fc.array(fc.constantFrom(...fragments), { maxLength }).map((parts) => parts.join(""));

const text = joined(TEXT_FRAGMENTS, 8);
const comment = joined(COMMENT_FRAGMENTS, 6);
// "]" and ">" may meet as "]]>", which a CDATA section cannot hold (the writer refuses it): those are left out.
const cdata = joined(CDATA_FRAGMENTS, 6).filter((s) => !s.includes("]]>"));

const rawAttribute: fc.Arbitrary<RawAttribute> = fc.record({
  prefix: fc.integer({ min: 0, max: PREFIXES.length + 1 }),
  ns: fc.integer({ min: 0, max: NAMESPACES.length - 1 }),
  localName: fc.constantFrom(...LOCAL_NAMES),
  value: text,
  singleQuote: fc.boolean(),
});

const rawTree = fc.letrec<{ element: RawElement; node: RawNode }>((tie) => ({
  element: fc.record({
    kind: fc.constant("element" as const),
    prefix: fc.integer({ min: 0, max: PREFIXES.length }),
    ns: fc.integer({ min: 0, max: NAMESPACES.length }),
    localName: fc.constantFrom(...LOCAL_NAMES),
    attributes: fc.array(rawAttribute, { maxLength: 4 }),
    extra: fc.array(
      fc.record({ prefix: fc.integer({ min: 0, max: PREFIXES.length }), ns: fc.integer({ min: 0, max: NAMESPACES.length }) }),
      {
        maxLength: 2,
      },
    ),
    children: fc.array(tie("node"), { maxLength: 4 }),
  }),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ kind: fc.constant("text" as const), value: text }),
    fc.record({ kind: fc.constant("cdata" as const), value: cdata }),
    fc.record({ kind: fc.constant("comment" as const), value: comment }),
    tie("element"),
  ),
}));

// --- binding namespaces ------------------------------------------------------------------------

/** The bindings in scope: prefix to namespace, the default namespace under "". */
type Scope = ReadonlyMap<string, string>;
const TOP_SCOPE: Scope = new Map([
  ["", ""],
  ["xml", XML_NAMESPACE],
]);

function bind(raw: RawElement, scope: Scope): ModelElement {
  const prefix = raw.prefix === 0 ? "" : PREFIXES[raw.prefix - 1]!;
  // A prefix must name a namespace; no prefix may mean the empty one (raw.ns 0).
  const ns = raw.prefix === 0 ? (raw.ns === 0 ? "" : NAMESPACES[raw.ns - 1]!) : NAMESPACES[raw.ns % NAMESPACES.length]!;
  const own = new Map<string, string>([[prefix, ns]]);
  const attributes: ModelAttribute[] = [];
  for (const a of raw.attributes) {
    let attribute: ModelAttribute;
    if (a.prefix === 0) attribute = { prefix: "", localName: a.localName, ns: "", value: a.value, singleQuote: a.singleQuote };
    else if (a.prefix === PREFIXES.length + 1)
      attribute = { prefix: "xml", localName: a.localName, ns: XML_NAMESPACE, value: a.value, singleQuote: a.singleQuote };
    else {
      const p = PREFIXES[a.prefix - 1]!;
      if (!own.has(p)) own.set(p, NAMESPACES[a.ns]!);
      attribute = { prefix: p, localName: a.localName, ns: own.get(p)!, value: a.value, singleQuote: a.singleQuote };
    }
    if (!attributes.some((b) => b.ns === attribute.ns && b.localName === attribute.localName)) attributes.push(attribute);
  }
  for (const d of raw.extra) {
    const p = d.prefix === 0 ? "" : PREFIXES[d.prefix - 1]!;
    // A non-default prefix cannot be bound to the empty namespace (Namespaces in XML 1.0).
    const target = d.ns === 0 ? (p === "" ? "" : NAMESPACES[0]) : NAMESPACES[d.ns - 1]!;
    if (!own.has(p)) own.set(p, target);
  }
  const declarations = [...own].filter(([p, n]) => scope.get(p) !== n).map(([p, n]) => ({ prefix: p, ns: n }));
  const inner = new Map(scope);
  for (const [p, n] of own) inner.set(p, n);
  return {
    kind: "element",
    prefix,
    localName: raw.localName,
    ns,
    declarations,
    attributes,
    children: raw.children.map((c) => (c.kind === "element" ? bind(c, inner) : c)),
  };
}

/** Random documents: up to two comments around a root element of up to about 5 levels. */
export const documents: fc.Arbitrary<ModelDocument> = fc
  .record({
    before: fc.array(comment, { maxLength: 2 }),
    root: rawTree.element,
    after: fc.array(comment, { maxLength: 2 }),
  })
  .map(({ before, root, after }) => ({ before, root: bind(root, TOP_SCOPE), after }));

// --- the expected infoset -------------------------------------------------------------------------

function itemsOf(nodes: readonly ModelNode[]): InfosetItem[] {
  const items: InfosetItem[] = [];
  let run = "";
  const flush = () => {
    if (run !== "") items.push({ kind: "text", value: run });
    run = "";
  };
  for (const node of nodes) {
    if (node.kind === "text" || node.kind === "cdata") {
      run += node.value;
      continue;
    }
    flush();
    items.push(node.kind === "comment" ? { kind: "comment", value: node.value } : elementItem(node));
  }
  flush();
  return items;
}

function elementItem(e: ModelElement): InfosetItem {
  return {
    kind: "element",
    ns: e.ns,
    localName: e.localName,
    attributes: sortAttributes(e.attributes.map((a) => ({ ns: a.ns, localName: a.localName, value: a.value }))),
    declarations: sortDeclarations(e.declarations),
    children: itemsOf(e.children),
  };
}

/** The infoset a document of this model has (infoset.ts defines it). */
export function modelInfoset(document: ModelDocument): Infoset {
  return {
    children: [
      ...document.before.map((value) => ({ kind: "comment" as const, value })),
      elementItem(document.root),
      ...document.after.map((value) => ({ kind: "comment" as const, value })),
    ],
  };
}
