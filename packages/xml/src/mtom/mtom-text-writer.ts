import { WS_E_INVALID_FORMAT, type WS_XML_STRING, type WS_XML_TEXT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NameStrings } from "../writer/node-sink.js";
import { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { ascii } from "./byte-search.js";
import type { MtomOutput, OutgoingPart } from "./mtom-output.js";
import {
  CID_SCHEME,
  DEFAULT_PART_CONTENT_TYPE,
  XMLMIME_CONTENT_TYPE,
  XMLMIME_NAMESPACE,
  XOP_HREF,
  XOP_INCLUDE,
  XOP_NAMESPACE,
  XOP_PREFIX,
} from "./xop.js";

const decoder = new TextDecoder();

/**
 * The document of a writer with WS_XML_WRITER_MTOM_ENCODING: a text document (every rule of
 * TextWriter applies to the XML) whose base64 content may go to MIME parts instead. WsWriteBytes:
 * "if the byteCount exceeds the maxInlineByteCount specified during WsSetOutput then the bytes
 * will be buffered and placed in their own MIME part. Otherwise the bytes are encoded in base64 and
 * placed directly in the document." The element's content is then `<xop:Include href="cid:…"/>`.
 *
 * Bytes written in several pieces (WsWriteBytes called again, WsPushBytes and WsPullBytes, which
 * write what their callbacks give) are one value: the first piece of a run decides, and the pieces
 * that follow it, with nothing written in between, join it — the MIME part, or the base64 text.
 * So an element's optimized content is always a single xop:Include, as XOP requires (XOP 1.0 §3:
 * the element's content is replaced by the Include). Base64 in an attribute, in a CDATA section or
 * written with WsWriteText goes by the same rule where XOP allows a part (element content) and
 * stays base64 elsewhere.
 *
 * "If the element containing the bytes has an attribute with the name 'contentType' and the
 * namespace 'http://www.w3.org/2004/11/xmlmime', then the value of the attribute will be reflected
 * in the content type header for the MIME part": the value of such an attribute is kept for its
 * element.
 *
 * The document refuses xop:Include elements written by the caller (WS_E_INVALID_FORMAT), as WCF's
 * MTOM writer does: a reader would take one for a reference to a part.
 */
export class MtomTextWriter extends TextWriter {
  /** For each open element (the start tag being built included), its xmlmime:contentType, if any. */
  private readonly contentTypes: (string | null)[] = [];
  /** The xmlmime:contentType value being written, while that attribute is. */
  private contentTypeValue: Uint8Array[] | null = null;
  private cdata = false;
  /** Where the last run of base64 stopped (depth and output length), and the part it went to, if any. */
  private run: { mark: string; part: OutgoingPart | null } | null = null;

  constructor(
    private readonly mtom: MtomOutput,
    settings: WriterSettings,
    private readonly maxInlineByteCount: number,
  ) {
    super(mtom, settings);
    mtom.document = this;
  }

  /** Nothing has been written since `mark` was taken exactly when these are equal. */
  private mark(): string {
    return `${this.depth}:${this.mtom.written}`;
  }

  override base64(fn: string, bytes: Uint8Array, kind: string): void {
    this.mtom.refuseComplete(fn);
    const run = this.run;
    const continues = run !== null && run.mark === this.mark() && !this.inAttribute;
    if (continues && run.part !== null) {
      this.mtom.appendToPart(fn, run.part, bytes);
      return;
    }
    this.run = null;
    const inContent = !this.inAttribute && !this.cdata && this.depth > 0;
    if (continues || !inContent || bytes.length <= this.maxInlineByteCount) {
      super.base64(fn, bytes, kind);
      if (inContent) this.run = { mark: this.mark(), part: null };
      return;
    }
    const contentId = this.mtom.nextContentId();
    this.mtom.checkRoom(fn, bytes.length);
    const contentType = this.contentTypes[this.contentTypes.length - 1] ?? DEFAULT_PART_CONTENT_TYPE;
    super.startElement(fn, XOP_PREFIX, XOP_INCLUDE, XOP_NAMESPACE);
    super.startAttribute(fn, "", XOP_HREF, "", false);
    super.text(fn, ascii(`${CID_SCHEME}${contentId}`), "chars", true, "the href of xop:Include");
    super.endAttribute(fn);
    super.endElement(fn);
    const part = this.mtom.addPart(fn, contentId, contentType, bytes);
    this.run = { mark: this.mark(), part };
  }

  override startElement(fn: string, prefix: string | null, localName: string, ns: string, strings?: NameStrings): void {
    this.mtom.refuseComplete(fn);
    if (localName === XOP_INCLUDE && ns === XOP_NAMESPACE) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `${fn}: an MTOM document cannot have xop:Include elements of its own (a reader would take one for a reference to a MIME part); write the bytes with WsWriteBytes.`,
      );
    }
    super.startElement(fn, prefix, localName, ns, strings);
    this.contentTypes.push(null);
  }

  override endElement(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.endElement(fn);
    this.contentTypes.pop();
  }

  override startAttribute(
    fn: string,
    prefix: string | null,
    localName: string,
    ns: string,
    singleQuote: boolean,
    strings?: NameStrings,
  ): void {
    this.mtom.refuseComplete(fn);
    super.startAttribute(fn, prefix, localName, ns, singleQuote, strings);
    if (localName === XMLMIME_CONTENT_TYPE && ns === XMLMIME_NAMESPACE) this.contentTypeValue = [];
  }

  override endAttribute(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.endAttribute(fn);
    const value = this.contentTypeValue;
    if (value === null) return;
    this.contentTypeValue = null;
    this.contentTypes[this.contentTypes.length - 1] = value.map((piece) => decoder.decode(piece)).join("");
  }

  override text(fn: string, bytes: Uint8Array, kind: string, repeatable: boolean, what?: string, typed?: WS_XML_TEXT): void {
    this.mtom.refuseComplete(fn);
    super.text(fn, bytes, kind, repeatable, what, typed);
    if (this.contentTypeValue !== null && this.inAttribute) this.contentTypeValue.push(bytes.slice());
  }

  override endStartElement(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.endStartElement(fn);
  }

  override xmlnsAttribute(fn: string, prefix: string | null, ns: string, singleQuote: boolean, nsString?: WS_XML_STRING): void {
    this.mtom.refuseComplete(fn);
    super.xmlnsAttribute(fn, prefix, ns, singleQuote, nsString);
  }

  override beginContent(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.beginContent(fn);
  }

  override comment(fn: string, bytes: Uint8Array): void {
    this.mtom.refuseComplete(fn);
    super.comment(fn, bytes);
  }

  override startCData(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.startCData(fn);
    this.cdata = true;
  }

  override endCData(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.endCData(fn);
    this.cdata = false;
  }

  override settlePending(fn: string): void {
    this.mtom.refuseComplete(fn);
    super.settlePending(fn);
  }
}
