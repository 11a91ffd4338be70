import {
  E_INVALIDARG,
  type WS_ENVELOPE_VERSION,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_FAULT,
  type WS_FAULT_CODE,
  type WS_FAULT_DESCRIPTION,
  type WS_FAULT_REASON,
  type WS_XML_BUFFER,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_QNAME,
  WS_XML_QNAME_TYPE,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, stringBytes, WsError } from "@wwsapi/core/internal";
import { XML_NAMESPACE } from "../text-reader/namespace-scope.js";
import { decodeUtf8, xmlString } from "../text-utils/xml-string.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { copyCurrent, readNext } from "../xml-buffer/node-copy.js";
import {
  atEnd,
  declareForQName,
  elementHere,
  nextTopElement,
  objectValue,
  optionalBuffer,
  readerOnBuffer,
  readTextElement,
  requiredElement,
  stringField,
  vocabulary,
} from "./envelope-support.js";
import { attributeText, charge, describe, findAttribute, invalidFormat, next, type ReadContext } from "./read-context.js";
import { readContentSimple, readElementBuffer } from "./read-primitive.js";
import type { SerialWriter } from "./serial-writer.js";

/**
 * WS_FAULT_TYPE with its WS_FAULT_DESCRIPTION ("The SOAP version to use when serializing the
 * fault"): the content of a SOAP Fault element.
 *
 * SOAP 1.1: faultcode, faultstring, faultactor?, detail? (unqualified elements). SOAP 1.2: Code
 * (Value, Subcode chain), Reason (Text xml:lang, one per language), Node?, Role?, Detail? (in the
 * envelope namespace). WS_FAULT: "For WS_ENVELOPE_VERSION_SOAP_1_1, only the most specific fault
 * code is serialized (the first one in the list)"; "If the namespace URI of the first fault code is
 * the empty string … The appropriate SOAP namespace will be used … If the local name is "Sender"
 * when using WS_ENVELOPE_VERSION_SOAP_1_1, then "Client" will be used instead … "Receiver" …
 * "Server""; reasons: "There must be at least one fault reason. For WS_ENVELOPE_VERSION_SOAP_1_1,
 * only the first reason is serialized"; actor "The name of the processor that caused the fault";
 * node "For WS_ENVELOPE_VERSION_SOAP_1_1, this value is not serialized"; detail: "the WS_XML_BUFFER
 * should contain an element corresponding to the detail element of the SOAP fault … The local name
 * and namespace of the element are ignored; they are replaced with the appropriate element name
 * according to the WS_ENVELOPE_VERSION when the detail element is written."
 */

const SOAP_11_NS = vocabulary("http://schemas.xmlsoap.org/soap/envelope/");
const SOAP_12_NS = vocabulary("http://www.w3.org/2003/05/soap-envelope");
const NO_NS = xmlString("");
const FAULTCODE = vocabulary("faultcode");
const FAULTSTRING = vocabulary("faultstring");
const FAULTACTOR = vocabulary("faultactor");
const DETAIL_11 = vocabulary("detail");
const CODE = vocabulary("Code");
const VALUE = vocabulary("Value");
const SUBCODE = vocabulary("Subcode");
const REASON = vocabulary("Reason");
const TEXT = vocabulary("Text");
const NODE = vocabulary("Node");
const ROLE = vocabulary("Role");
const DETAIL_12 = vocabulary("Detail");
const LANG = xmlString("lang");
const XML_PREFIX = xmlString("xml");

/** sizeof(WS_FAULT_CODE): a WS_XML_QNAME and a pointer. */
const FAULT_CODE_SIZE = 72;
/** sizeof(WS_FAULT_REASON): two WS_STRINGs. */
const FAULT_REASON_SIZE = 32;
/** Subcodes followed when writing: a cycle in the chain would otherwise never end. */
const MAX_CODES = 64;

export function envelopeOf(fn: string, description: unknown): WS_ENVELOPE_VERSION {
  const version = (description as WS_FAULT_DESCRIPTION | null)?.envelopeVersion;
  if (
    typeof description !== "object" ||
    description === null ||
    (version !== WS_ENVELOPE_VERSION_SOAP_1_1 && version !== WS_ENVELOPE_VERSION_SOAP_1_2)
  ) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: WS_FAULT_TYPE needs a WS_FAULT_DESCRIPTION whose envelopeVersion is WS_ENVELOPE_VERSION_SOAP_1_1 or WS_ENVELOPE_VERSION_SOAP_1_2 (a fault has no form without SOAP), not ${describeValue(version ?? description)}.`,
    );
  }
  return version;
}

const plain = <T>(fields: Record<string, unknown>): T => Object.assign(Object.create(null), fields) as T;

// --- reading ------------------------------------------------------------------------------------

/** The fault where the reader is, in the content of its Fault element; the reader ends on the end element (or EOF) that closes it. */
export function readFault(ctx: ReadContext, description: unknown, what: string): WS_FAULT {
  const version = envelopeOf(ctx.fn, description);
  return version === WS_ENVELOPE_VERSION_SOAP_1_1 ? readFault11(ctx, what) : readFault12(ctx, what);
}

function readFault11(ctx: ReadContext, what: string): WS_FAULT {
  requiredElement(ctx, FAULTCODE, NO_NS, what);
  next(ctx);
  const code = plain<WS_FAULT_CODE>({ value: readQName(ctx, `the <faultcode> of ${what}`), subCode: null });
  endOf(ctx, `the <faultcode> of ${what}`);
  charge(ctx, FAULT_CODE_SIZE, `the code of ${what}`);
  const reasonElement = requiredElement(ctx, FAULTSTRING, NO_NS, what);
  const lang = langOf(ctx, reasonElement);
  const reasons = [reason(ctx, readTextElement(ctx, `the <faultstring> of ${what}`), lang, what)];
  charge(ctx, FAULT_REASON_SIZE, `the reasons of ${what}`);
  let actor = "";
  if (elementHere(ctx, FAULTACTOR, NO_NS) !== null) actor = owned(ctx, readTextElement(ctx, `the <faultactor> of ${what}`), what);
  const detail = elementHere(ctx, DETAIL_11, NO_NS) !== null ? readElementBuffer(ctx) : null;
  ended(ctx, what);
  return plain({ code, reasons, actor, node: "", detail });
}

function readFault12(ctx: ReadContext, what: string): WS_FAULT {
  requiredElement(ctx, CODE, SOAP_12_NS, what);
  next(ctx);
  const code = readCode12(ctx, `the <Code> of ${what}`);
  requiredElement(ctx, REASON, SOAP_12_NS, what);
  next(ctx);
  const reasons: WS_FAULT_REASON[] = [];
  do {
    const text = requiredElement(ctx, TEXT, SOAP_12_NS, `the <Reason> of ${what}`);
    const lang = langOf(ctx, text);
    reasons.push(reason(ctx, readTextElement(ctx, `a <Text> of ${what}`), lang, what));
  } while (!atEnd(ctx));
  endOf(ctx, `the <Reason> of ${what}`);
  charge(ctx, reasons.length * FAULT_REASON_SIZE, `the reasons of ${what}`);
  let node = "";
  let actor = "";
  if (elementHere(ctx, NODE, SOAP_12_NS) !== null) node = owned(ctx, readTextElement(ctx, `the <Node> of ${what}`), what);
  if (elementHere(ctx, ROLE, SOAP_12_NS) !== null) actor = owned(ctx, readTextElement(ctx, `the <Role> of ${what}`), what);
  const detail = elementHere(ctx, DETAIL_12, SOAP_12_NS) !== null ? readElementBuffer(ctx) : null;
  ended(ctx, what);
  return plain({ code, reasons, actor, node, detail });
}

/** In a Code or Subcode: its Value, then an optional Subcode; the reader ends after the enclosing end element. */
function readCode12(ctx: ReadContext, what: string): WS_FAULT_CODE {
  const codes: WS_FAULT_CODE[] = [];
  let owner = what;
  for (;;) {
    requiredElement(ctx, VALUE, SOAP_12_NS, owner);
    next(ctx);
    const code = plain<WS_FAULT_CODE>({ value: readQName(ctx, `the <Value> of ${owner}`), subCode: null });
    endOf(ctx, `the <Value> of ${owner}`);
    charge(ctx, FAULT_CODE_SIZE, `a code of ${what}`);
    if (codes.length > 0) codes[codes.length - 1]!.subCode = code;
    codes.push(code);
    if (elementHere(ctx, SUBCODE, SOAP_12_NS) === null) break;
    next(ctx);
    owner = `a <Subcode> of ${what}`;
  }
  for (let i = 0; i < codes.length; i++) endOf(ctx, i === 0 ? what : `a <Subcode> of ${what}`);
  return codes[0]!;
}

function readQName(ctx: ReadContext, what: string): WS_XML_QNAME {
  return readContentSimple(ctx, WS_XML_QNAME_TYPE, null, what) as WS_XML_QNAME;
}

/** The end element of `what`, after white space and comments; anything else there is WS_E_INVALID_FORMAT. */
function endOf(ctx: ReadContext, what: string): void {
  if (!atEnd(ctx) || ctx.target.node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT) {
    throw invalidFormat(ctx, `the end of ${what} was expected`);
  }
  next(ctx);
}

/** After the last field: the end of the fault's content. */
function ended(ctx: ReadContext, what: string): void {
  if (!atEnd(ctx)) throw invalidFormat(ctx, `${describe(ctx.target.node)} follows the fields of ${what}, where a SOAP fault has none`);
}

/** xml:lang on the element, "" when absent (SOAP 1.1 does not require it). */
function langOf(ctx: ReadContext, element: Parameters<typeof findAttribute>[0]): string {
  const attribute = findAttribute(element, LANG, XML_NAMESPACE);
  return attribute === undefined ? "" : decodeUtf8(attributeText(ctx, attribute));
}

function reason(ctx: ReadContext, text: string, lang: string, what: string): WS_FAULT_REASON {
  charge(ctx, stringBytes(text) + stringBytes(lang), `the reasons of ${what}`);
  return plain({ text, lang });
}

/** A WS_STRING read onto the heap. */
function owned(ctx: ReadContext, text: string, what: string): string {
  charge(ctx, stringBytes(text), what);
  return text;
}

// --- writing ------------------------------------------------------------------------------------

/** Writes the fault into the Fault element that is open. */
export function writeFault(out: SerialWriter, description: unknown, value: unknown, what: string): void {
  const fn = out.fn;
  const version = envelopeOf(fn, description);
  const fault = objectValue(fn, value, what);
  const codes = codeChain(fn, fault.code, `${what}.code`);
  const reasons = reasonList(fn, fault.reasons, `${what}.reasons`);
  const actor = stringField(fn, fault.actor ?? "", `${what}.actor`);
  const node = stringField(fn, fault.node ?? "", `${what}.node`);
  const detail = optionalBuffer(fn, fault.detail, `${what}.detail`);
  if (version === WS_ENVELOPE_VERSION_SOAP_1_1) {
    out.startElement(FAULTCODE, NO_NS);
    qname(out, soapCode(codes[0]!.value, version), NO_NS);
    out.endElement();
    reasonElement(out, FAULTSTRING, NO_NS, reasons[0]!);
    if (actor !== "") textElement(out, FAULTACTOR, NO_NS, actor);
    if (detail !== null) detailElement(out, DETAIL_11, NO_NS, detail);
    return;
  }
  out.startElement(CODE, SOAP_12_NS);
  codes.forEach((code, i) => {
    if (i > 0) out.startElement(SUBCODE, SOAP_12_NS);
    out.startElement(VALUE, SOAP_12_NS);
    qname(out, i === 0 ? soapCode(code.value, version) : code.value, SOAP_12_NS);
    out.endElement();
  });
  for (let i = 1; i < codes.length; i++) out.endElement();
  out.endElement();
  out.startElement(REASON, SOAP_12_NS);
  for (const r of reasons) reasonElement(out, TEXT, SOAP_12_NS, r);
  out.endElement();
  if (node !== "") textElement(out, NODE, SOAP_12_NS, node);
  if (actor !== "") textElement(out, ROLE, SOAP_12_NS, actor);
  if (detail !== null) detailElement(out, DETAIL_12, SOAP_12_NS, detail);
}

/** The codes from the head (most generic) down its subCode chain: "There must be at least one fault code." */
function codeChain(fn: string, head: unknown, path: string): WS_FAULT_CODE[] {
  const codes: WS_FAULT_CODE[] = [];
  let code = head;
  while (code !== null && code !== undefined) {
    if (codes.length === MAX_CODES)
      throw new WsError(E_INVALIDARG, `${fn}: ${path} has more than ${MAX_CODES} subcodes (is its chain a cycle?).`);
    const checked = objectValue(fn, code, path) as unknown as WS_FAULT_CODE;
    const value = objectValue(fn, checked.value, `${path}.value`) as unknown as WS_XML_QNAME;
    if (!isXmlString(value.localName) || !isXmlString(value.ns)) {
      throw new WsError(E_INVALIDARG, `${fn}: ${path}.value needs a localName and a ns (WS_XML_STRINGs).`);
    }
    codes.push(checked);
    code = checked.subCode;
    path = `${path}.subCode`;
  }
  if (codes.length === 0) throw new WsError(E_INVALIDARG, `${fn}: ${path} is NULL, but "There must be at least one fault code".`);
  return codes;
}

const isXmlString = (s: unknown): s is WS_XML_STRING =>
  typeof s === "object" && s !== null && (s as WS_XML_STRING).bytes instanceof Uint8Array;

function reasonList(fn: string, reasons: unknown, path: string): WS_FAULT_REASON[] {
  if (!Array.isArray(reasons) || reasons.length === 0) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${path} must be a non-empty array: "There must be at least one fault reason", not ${describeValue(reasons)}.`,
    );
  }
  return reasons.map((r, i) => {
    const checked = objectValue(fn, r, `${path}[${i}]`);
    return { text: stringField(fn, checked.text, `${path}[${i}].text`), lang: stringField(fn, checked.lang ?? "", `${path}[${i}].lang`) };
  });
}

/** The first code with an empty namespace: the envelope's namespace, and for SOAP 1.1 Sender → Client, Receiver → Server. */
function soapCode(value: WS_XML_QNAME, version: WS_ENVELOPE_VERSION): WS_XML_QNAME {
  if (value.ns.bytes.length !== 0) return value;
  // The SOAP code names are vocabulary: from the static dictionary, as Windows' own strings are.
  const local = decodeUtf8(value.localName.bytes);
  if (version === WS_ENVELOPE_VERSION_SOAP_1_2) return { localName: vocabulary(local), ns: SOAP_12_NS };
  const renamed = local === "Sender" ? "Client" : local === "Receiver" ? "Server" : local;
  return { localName: vocabulary(renamed), ns: SOAP_11_NS };
}

/** A qualified name as the content of the element just started in elementNs, its namespace declared there when no prefix is bound to it. */
function qname(out: SerialWriter, value: WS_XML_QNAME, elementNs: WS_XML_STRING): void {
  declareForQName(out, value.ns, elementNs);
  out.qualifiedName(value.localName, value.ns);
}

/** faultstring or Text: SOAP 1.2 requires xml:lang on Text, so it is always written there; on faultstring only when the reason has a language. */
function reasonElement(out: SerialWriter, localName: WS_XML_STRING, ns: WS_XML_STRING, reason: WS_FAULT_REASON): void {
  out.startElement(localName, ns);
  if (reason.lang !== "" || ns === SOAP_12_NS) {
    out.startAttribute(XML_PREFIX, LANG, XML_NAMESPACE);
    out.chars(reason.lang);
    out.endAttribute();
  }
  out.chars(reason.text);
  out.endElement();
}

function textElement(out: SerialWriter, localName: WS_XML_STRING, ns: WS_XML_STRING, text: string): void {
  out.startElement(localName, ns);
  out.chars(text);
  out.endElement();
}

/** The detail element under the envelope's name, holding the content of the buffer's element (its own name is ignored). */
function detailElement(out: SerialWriter, localName: WS_XML_STRING, ns: WS_XML_STRING, detail: WS_XML_BUFFER): void {
  const fn = out.fn;
  const reader = readerOnBuffer(fn, detail);
  const element = nextTopElement(fn, reader);
  if (element === null)
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the detail WS_XML_BUFFER holds no element; it "should contain an element corresponding to the detail element".`,
    );
  out.startElement(localName, ns);
  const writer = out.writer as unknown as XmlWriterObject;
  // Into the element, then each child whole (copyCurrent moves past what it copies) until its end.
  for (let node = readNext(fn, reader); node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT; node = reader.node) copyCurrent(fn, reader, writer);
  out.endElement();
}
