/**
 * What a WWSAPI-style text reader is expected to do with each case of the W3C suite.
 *
 * WWSAPI's WS_XML_READER is a non-validating, namespace-aware XML 1.0 reader that refuses every
 * DTD, supports no processing instruction but the XML declaration, and reads UTF-8 and UTF-16 only.
 * So, in this order:
 *   1. out of scope (skipped, with the reason): XML 1.1 cases (VERSION without 1.0, or
 *      RECOMMENDATION XML1.1 / NS1.1), cases for XML 1.0 editions other than the 5th (EDITION
 *      without 5), cases with NAMESPACE="no" (documents that are not namespace-well-formed on purpose);
 *   2. the document has a DTD (a `<!DOCTYPE` as markup): refused with WS_E_INVALID_FORMAT, whatever its type;
 *   3. the document declares an encoding other than UTF-8 / UTF-16: refused with WS_E_INVALID_FORMAT;
 *   3b. the document has a processing instruction other than the XML declaration: refused too, since
 *      WWSAPI's node model (WS_XML_NODE_TYPE) has no processing-instruction node;
 *   4. by TYPE: valid and invalid (invalid means invalid against a DTD, and there is none) are read
 *      to the end without error; not-wf fails with WS_E_INVALID_FORMAT; error is only reported.
 */
import { existsSync, readFileSync } from "node:fs";
import type { CatalogueCase } from "./catalogue.js";

export type Expectation =
  /** Read to EOF without an error. */
  | "accept"
  /** Refused with WS_E_INVALID_FORMAT because of its DTD. */
  | "refuse-dtd"
  /** Refused with WS_E_INVALID_FORMAT because it is in an encoding WWSAPI does not read. */
  | "refuse-encoding"
  /**
   * Refused with WS_E_INVALID_FORMAT because of a processing instruction other than the XML
   * declaration: WS_XML_NODE_TYPE has no node for one, so a WWSAPI reader cannot report it.
   */
  | "refuse-pi"
  /** Not well-formed: refused with WS_E_INVALID_FORMAT. */
  | "refuse-not-wf"
  /** TYPE="error": run, and the outcome only reported. */
  | "report"
  | "skip";

export type SkipReason = "XML 1.1" | "not XML 1.0 5th edition" | 'NAMESPACE="no"';

/** How the bytes of the document are encoded, as far as the first bytes and the XML declaration tell. */
export interface DocumentEncoding {
  /** From a byte order mark or the first bytes (XML 1.0 Appendix F): "UTF-8" when nothing else is seen. */
  detected: "UTF-8" | "UTF-16LE" | "UTF-16BE";
  bom: boolean;
  /** The encoding pseudo-attribute of the XML declaration, as written; null without one. */
  declared: string | null;
}

export interface ConformanceCase extends CatalogueCase {
  expectation: Expectation;
  skipReason: SkipReason | null;
  hasDtd: boolean;
  /**
   * A processing instruction other than the XML declaration (as markup): refused, as WWSAPI's node
   * model has no node for it (see "refuse-pi").
   */
  hasProcessingInstruction: boolean;
  encoding: DocumentEncoding;
  /** The declared encoding when it is a well-formed encoding name other than UTF-8 and UTF-16. */
  otherEncoding: string | null;
  /** The OUTPUT file exists. */
  hasOutput: boolean;
  /** The input bytes. */
  bytes: Uint8Array;
  /** The input decoded (UTF-16 by its detection, anything else as UTF-8 with U+FFFD for bad bytes), for showing and for looking for markup. */
  text: string;
}

export function documentEncoding(bytes: Uint8Array): { encoding: DocumentEncoding; text: string } {
  const [b0, b1, b2] = bytes;
  let detected: DocumentEncoding["detected"] = "UTF-8";
  let bom = false;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) bom = true;
  else if (b0 === 0xff && b1 === 0xfe) [detected, bom] = ["UTF-16LE", true];
  else if (b0 === 0xfe && b1 === 0xff) [detected, bom] = ["UTF-16BE", true];
  else if (b0 === 0x3c && b1 === 0x00) detected = "UTF-16LE";
  else if (b0 === 0x00 && b1 === 0x3c) detected = "UTF-16BE";
  const text =
    detected === "UTF-8"
      ? new TextDecoder("utf-8").decode(bytes.subarray(bom ? 3 : 0))
      : new TextDecoder(detected === "UTF-16LE" ? "utf-16le" : "utf-16be").decode(bytes);
  const declaration = /^\uFEFF?<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text);
  const declared = declaration === null ? null : (declaration[1] ?? declaration[2]!);
  return { encoding: { detected, bom, declared }, text };
}

/**
 * The markup of the document that is not inside a comment, a CDATA section or a processing
 * instruction: calls `found` with the offset of each `<!DOCTYPE` and each `<?` until it returns true.
 * (A rough scan for classifying; in a not-well-formed document it may see things differently than a parser.)
 */
function scanMarkup(text: string, found: (kind: "doctype" | "pi", at: number) => boolean): boolean {
  let at = 0;
  for (;;) {
    at = text.indexOf("<", at);
    if (at < 0) return false;
    const skipTo = (close: string) => {
      const end = text.indexOf(close, at + 2);
      return end < 0 ? text.length : end + close.length;
    };
    if (text.startsWith("<!--", at)) at = skipTo("-->");
    else if (text.startsWith("<![CDATA[", at)) at = skipTo("]]>");
    else if (text.startsWith("<?", at)) {
      if (found("pi", at)) return true;
      at = skipTo("?>");
    } else if (text.startsWith("<!DOCTYPE", at)) {
      if (found("doctype", at)) return true;
      at++;
    } else at++;
  }
}

/** A `<!DOCTYPE` as markup: not inside a comment, a CDATA section or a processing instruction. */
export function hasDoctype(text: string): boolean {
  return scanMarkup(text, (kind) => kind === "doctype");
}

/** A processing instruction other than the XML declaration at the very start. */
export function hasProcessingInstruction(text: string): boolean {
  return scanMarkup(text, (kind, at) => kind === "pi" && !(at === 0 && /^<\?xml[ \t\r\n]/.test(text)));
}

const ENC_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;

export function skipReason(c: CatalogueCase): SkipReason | null {
  if (c.recommendation === "XML1.1" || c.recommendation === "NS1.1" || (c.versions !== null && !c.versions.includes("1.0")))
    return "XML 1.1";
  if (c.editions !== null && !c.editions.includes("5")) return "not XML 1.0 5th edition";
  if (!c.namespace) return 'NAMESPACE="no"';
  return null;
}

export function classify(c: CatalogueCase): ConformanceCase {
  const bytes = new Uint8Array(readFileSync(c.input));
  const { encoding, text } = documentEncoding(bytes);
  const hasDtd = hasDoctype(text);
  const declared = encoding.declared;
  const otherEncoding = declared !== null && ENC_NAME.test(declared) && !/^utf-(8|16)$/i.test(declared) ? declared : null;
  const reason = skipReason(c);
  let expectation: Expectation;
  if (reason !== null) expectation = "skip";
  else if (hasDtd) expectation = "refuse-dtd";
  else if (otherEncoding !== null) expectation = "refuse-encoding";
  else if (hasProcessingInstruction(text)) expectation = "refuse-pi";
  else if (c.type === "valid" || c.type === "invalid") expectation = "accept";
  else if (c.type === "not-wf") expectation = "refuse-not-wf";
  else expectation = "report";
  return {
    ...c,
    expectation,
    skipReason: reason,
    hasDtd,
    hasProcessingInstruction: hasProcessingInstruction(text),
    encoding,
    otherEncoding,
    hasOutput: c.output !== null && existsSync(c.output),
    bytes,
    text,
  };
}

/** The start of the input, one line, for messages. */
export function excerpt(c: ConformanceCase, length = 120): string {
  const s = JSON.stringify(c.text.length > length ? c.text.slice(0, length) : c.text);
  return c.text.length > length ? `${s}…` : s;
}
