import { WS_E_INVALID_FORMAT, type WS_XML_ELEMENT_NODE, type WS_XML_NODE, type WS_XML_TEXT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NamespaceLookup, NodeSource } from "../reader/node-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import type { TextScanner } from "../text-reader/text-scanner.js";
import { malformed } from "./mime-errors.js";
import type { MimePart } from "./mime-parts.js";
import { checkTransferEncoding } from "./mtom-package.js";
import { base64TextNode, isXopInclude, readInclude } from "./xop-include.js";

/**
 * The nodes of an MTOM document: those of the root part's XML, read by the text scanner, with each
 * `<xop:Include href="cid:…"/>` replaced by the content of the MIME part it refers to, a text node
 * whose text is a WS_XML_BASE64_TEXT holding the part's bytes (a view into the input). The Include
 * element itself is not seen (XOP 1.0 §3.2: the reconstructed content is "the base64 canonical
 * lexical form" of the part's octets), so WsReadBytes gives the part's bytes and WsReadChars their
 * base64 characters, as for base64 written in the XML.
 *
 * Parts are looked up when an Include is reached; an Include that is malformed, or that names no
 * part, fails that read with WS_E_INVALID_FORMAT.
 */
export class MtomNodeSource implements NodeSource {
  constructor(
    private readonly scanner: TextScanner,
    private readonly parts: readonly MimePart[],
    private readonly root: MimePart,
    /** Where the scanner's byte 0 is in the input when the root part is UTF-8 (offsets then carry over); null for UTF-16. */
    private readonly xmlStart: number | null,
  ) {}

  start(): WS_XML_NODE {
    return this.scan(() => this.scanner.start());
  }

  next(): WS_XML_NODE {
    const at = this.scanner.offset;
    const node = this.scan(() => this.scanner.next());
    return isXopInclude(node) ? this.include(node, at) : node;
  }

  lineColumn(): LineColumn {
    return this.scanner.lineColumn();
  }

  get namespaces(): NamespaceLookup {
    return this.scanner.namespaces;
  }

  /** xml: attributes are the root part's XML's own; an Include never carries any. */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    return this.scanner.xmlAttribute(localName);
  }

  /** The part an Include refers to, as a text node; the Include's end is read too. */
  private include(element: WS_XML_ELEMENT_NODE, at: number): WS_XML_NODE {
    const { href, contentId } = readInclude(
      element,
      this.scanner.depth,
      () => this.scan(() => this.scanner.next()),
      (what) => this.fail(what, at),
    );
    const part = this.parts.find((p) => p.contentId === contentId);
    if (part === undefined) throw this.fail(`an xop:Include refers to "${href}", but no MIME part has the Content-ID <${contentId}>`, at);
    if (part === this.root) throw this.fail(`an xop:Include refers to "${href}", the root part, which holds the XML itself`, at);
    checkTransferEncoding(part);
    return base64TextNode(part.body);
  }

  /** Runs the scanner, placing its failures in the input: its positions count from the start of the root part's XML. */
  private scan(step: () => WS_XML_NODE): WS_XML_NODE {
    try {
      return step();
    } catch (thrown) {
      if (!(thrown instanceof WsError)) throw thrown;
      throw inRootPart(thrown, this.root.number, this.root.bodyOffset);
    }
  }

  /**
   * WS_E_INVALID_FORMAT for the Include that starts at the scanner's offset `at`: at a byte of the
   * input when the root part is UTF-8 (offsets carry over), else at a line and column of its XML.
   */
  private fail(what: string, at: number): WsError {
    if (this.xmlStart !== null) return malformed(what, this.xmlStart + at);
    const { line, column } = this.scanner.lineColumn();
    return new WsError(
      WS_E_INVALID_FORMAT,
      `MTOM reader: ${what}, before line ${line}, column ${column} of the XML of the root MIME part (part ${this.root.number}, whose content starts at byte ${this.root.bodyOffset} of the input).`,
    );
  }
}

/** A failure of the text scanner or decoder, whose positions count from the start of the root part's content. */
export function inRootPart(thrown: WsError, number: number, bodyOffset: number): WsError {
  return new WsError(
    thrown.hr,
    `${thrown.message} (In the XML of the root MIME part, part ${number}, whose content starts at byte ${bodyOffset} of the input.)`,
  );
}
