import {
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";

/**
 * The infoset the property tests compare: what a document means, as opposed to how it was
 * written. Two documents have the same infoset when they have
 *
 * - the same children at the document level and in every element, in order: elements, text and
 *   comments;
 * - for each element: its expanded name (namespace URI and local name; the prefix is a choice of
 *   spelling, not part of the name), its attributes as a set of (namespace URI, local name, value),
 *   and its namespace declarations as a set of (prefix, namespace URI), the default namespace
 *   being prefix "" and xmlns="" the declaration ("", "");
 * - text merged across adjacent text and CDATA nodes: a CDATA section is a way of writing
 *   characters, so `a<![CDATA[b]]>c` is the one text "abc", and a run that merges to "" (an
 *   empty CDATA section) is no text at all;
 * - comments with their exact content.
 *
 * Sets are represented sorted (attributes by namespace then local name, declarations by prefix),
 * since the XML Infoset's [attributes] and [namespace attributes] are unordered: a writer may
 * place a declaration it adds where it likes. Strings are compared as JavaScript strings decoded
 * from the UTF-8 the reader gives. Whether an element was written `<a/>` or `<a></a>`, which
 * quote an attribute used, and how characters were escaped are not part of the infoset.
 */
export interface Infoset {
  readonly children: readonly InfosetItem[];
}

export type InfosetItem = InfosetElement | InfosetText | InfosetComment;

export interface InfosetElement {
  readonly kind: "element";
  readonly ns: string;
  readonly localName: string;
  readonly attributes: readonly InfosetAttribute[];
  readonly declarations: readonly InfosetDeclaration[];
  readonly children: readonly InfosetItem[];
}

export interface InfosetAttribute {
  readonly ns: string;
  readonly localName: string;
  readonly value: string;
}

export interface InfosetDeclaration {
  readonly prefix: string;
  readonly ns: string;
}

export interface InfosetText {
  readonly kind: "text";
  readonly value: string;
}

export interface InfosetComment {
  readonly kind: "comment";
  readonly value: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const str = (s: WS_XML_STRING | null): string => (s === null ? "" : decoder.decode(s.bytes));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The attribute set in its canonical order. */
export const sortAttributes = (attributes: readonly InfosetAttribute[]): InfosetAttribute[] =>
  [...attributes].sort((a, b) => compare(a.ns, b.ns) || compare(a.localName, b.localName));

/** The declaration set in its canonical order. */
export const sortDeclarations = (declarations: readonly InfosetDeclaration[]): InfosetDeclaration[] =>
  [...declarations].sort((a, b) => compare(a.prefix, b.prefix));

/** The characters of a text the reader gives. Only UTF-8 text is expected in these documents. */
function textValue(text: WS_XML_TEXT | null): string {
  if (text === null) return "";
  if (text.textType !== WS_XML_TEXT_TYPE_UTF8) throw new Error(`infoset: a text of type ${text.textType}, not UTF-8`);
  return str((text as WS_XML_UTF8_TEXT).value);
}

interface Building {
  element: Omit<InfosetElement, "children"> | null;
  children: InfosetItem[];
  /** The text of the current run of text and CDATA nodes, not yet an item. */
  run: string;
}

/** Ends the current run of text: a non-empty run becomes one text item. */
function flush(level: Building): void {
  if (level.run !== "") level.children.push({ kind: "text", value: level.run });
  level.run = "";
}

/**
 * Builds the infoset of a node sequence as WsReadNode gives it, from BOF to EOF, one node at a
 * time: a reader's node (and the strings in it) is only valid until the next read, as in WWSAPI,
 * so each node is taken in as soon as it is read. Throws when the sequence is not one a reader may
 * give (an end without a start, a missing EOF), so that a reader bug shows as a failed property
 * rather than as a strange infoset.
 */
export class InfosetBuilder {
  readonly #stack: Building[] = [{ element: null, children: [], run: "" }];
  #ended = false;

  get ended(): boolean {
    return this.#ended;
  }

  add(node: WS_XML_NODE): void {
    const stack = this.#stack;
    const top = stack[stack.length - 1]!;
    if (this.#ended) throw new Error("infoset: a node after EOF");
    switch (node.nodeType) {
      case WS_XML_NODE_TYPE_BOF:
      case WS_XML_NODE_TYPE_CDATA:
      case WS_XML_NODE_TYPE_END_CDATA:
        return;
      case WS_XML_NODE_TYPE_TEXT:
        top.run += textValue((node as WS_XML_TEXT_NODE).text);
        return;
      case WS_XML_NODE_TYPE_COMMENT:
        flush(top);
        top.children.push({ kind: "comment", value: str((node as WS_XML_COMMENT_NODE).value) });
        return;
      case WS_XML_NODE_TYPE_ELEMENT: {
        flush(top);
        const e = node as WS_XML_ELEMENT_NODE;
        const attributes: InfosetAttribute[] = [];
        const declarations: InfosetDeclaration[] = [];
        for (const a of e.attributes) {
          if (a.isXmlNs) declarations.push({ prefix: str(a.prefix), ns: str(a.ns) });
          else attributes.push({ ns: str(a.ns), localName: str(a.localName), value: textValue(a.value) });
        }
        const element = { kind: "element", ns: str(e.ns), localName: str(e.localName) } as const;
        stack.push({
          element: { ...element, attributes: sortAttributes(attributes), declarations: sortDeclarations(declarations) },
          children: [],
          run: "",
        });
        return;
      }
      case WS_XML_NODE_TYPE_END_ELEMENT:
        if (stack.length === 1) throw new Error("infoset: an end element with no element open");
        flush(top);
        stack.pop();
        stack[stack.length - 1]!.children.push({ ...top.element!, children: top.children });
        return;
      case WS_XML_NODE_TYPE_EOF:
        if (stack.length !== 1) throw new Error("infoset: EOF with elements open");
        flush(top);
        this.#ended = true;
        return;
      default:
        throw new Error(`infoset: unexpected node type ${node.nodeType}`);
    }
  }

  finish(): Infoset {
    if (!this.#ended) throw new Error("infoset: the nodes do not end with EOF");
    return { children: this.#stack[0]!.children };
  }
}
