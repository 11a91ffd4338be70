import { DocumentReader, DocumentWriter, type XmlEncoding } from "./xml.js";

/**
 * The calculator contract every peer speaks (WCF's ICalculator in http://tempuri.org/:
 * Add(a, b) → AddResult, Echo(text) → EchoResult, EchoBytes(data) → EchoBytesResult, document/literal
 * wrapped, actions http://tempuri.org/ICalculator/OPERATION), as SOAP envelopes written and read by
 * our XML layer (xml.ts).
 */

export const TEMPURI = "http://tempuri.org/";
export const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const WSA10 = "http://www.w3.org/2005/08/addressing";
export const ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

/** Non-ASCII (2, 3 and 4 UTF-8 bytes) and every character XML escapes. */
export const ECHO_TEXT = "hello é世😀 <&> \"quoted\" 'single' ]]> tab\there";
/** 2048 bytes i % 251, as the peers' own clients send. */
export const ECHO_BYTES = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);

/** How a message is put on the wire. */
export interface Wire {
  readonly soap: "1.1" | "1.2";
  /** WS-Addressing 1.0 headers (Action, MessageID, ReplyTo, To), as WSHttpBinding sends them. */
  readonly addressing: boolean;
  readonly encoding: XmlEncoding;
}

export const BASIC_HTTP: Wire = { soap: "1.1", addressing: false, encoding: "text" };
export const WS_HTTP: Wire = { soap: "1.2", addressing: true, encoding: "text" };
export const SOAP12_PLAIN: Wire = { soap: "1.2", addressing: false, encoding: "text" };
export const BINARY: Wire = { soap: "1.2", addressing: true, encoding: "binary" };

export type CalcCall =
  | { readonly op: "Add"; readonly a: number | string; readonly b: number | string }
  | { readonly op: "Echo"; readonly text: string }
  | { readonly op: "EchoBytes"; readonly data: Uint8Array }
  /** An operation the contract does not have, for faults. */
  | { readonly op: "Missing" };

export const actionOf = (op: string) => `http://tempuri.org/ICalculator/${op}`;
export const envelopeNs = (wire: Wire) => (wire.soap === "1.1" ? SOAP11 : SOAP12);

/** The request envelope for `call`; `to` is the wsa:To when the wire has addressing. */
export function writeRequest(wire: Wire, call: CalcCall, to: string, messageId = `urn:uuid:${crypto.randomUUID()}`): Uint8Array {
  const S = envelopeNs(wire);
  const w = new DocumentWriter(wire.encoding);
  w.start("s", "Envelope", S).xmlns("s", S);
  if (wire.addressing) {
    w.xmlns("a", WSA10);
    w.start("s", "Header", S);
    w.start("a", "Action", WSA10).attribute("s", "mustUnderstand", S, "1").chars(actionOf(call.op)).end();
    w.element("a", "MessageID", WSA10, messageId);
    w.start("a", "ReplyTo", WSA10).element("a", "Address", WSA10, ANONYMOUS).end();
    w.start("a", "To", WSA10).attribute("s", "mustUnderstand", S, "1").chars(to).end();
    w.end();
  }
  w.start("s", "Body", S);
  w.start("", call.op, TEMPURI).xmlns("", TEMPURI);
  switch (call.op) {
    case "Add":
      for (const [name, value] of [
        ["a", call.a],
        ["b", call.b],
      ] as const) {
        w.start("", name, TEMPURI);
        if (typeof value === "number") w.int32(value);
        else w.chars(value);
        w.end();
      }
      break;
    case "Echo":
      w.element("", "text", TEMPURI, call.text);
      break;
    case "EchoBytes":
      w.start("", "data", TEMPURI).bytes(call.data).end();
      break;
    case "Missing":
      break;
  }
  w.end(); // operation
  w.end(); // Body
  w.end(); // Envelope
  return w.finish();
}

export interface Fault {
  readonly kind: "fault";
  /** SOAP 1.1 faultcode / SOAP 1.2 Code/Value, as written (a QName with its prefix). */
  readonly code: string;
  /** SOAP 1.2 Code/Subcode/Value, when there is one. */
  readonly subcode?: string;
  /** SOAP 1.1 faultstring / SOAP 1.2 the first Reason/Text. */
  readonly reason: string;
}

export interface Result {
  readonly kind: "result";
  /** The body element's local name: AddResponse, ... */
  readonly response: string;
  readonly value: number | string | Uint8Array | undefined;
}

export interface Reply {
  /** wsa:Action and wsa:RelatesTo, when the reply has them. */
  readonly action?: string;
  readonly relatesTo?: string;
  readonly body: Result | Fault;
}

/** Reads a reply envelope with our reader: its addressing headers and its result or fault. */
export function readReply(
  wire: Wire,
  op: CalcCall["op"],
  bytes: Uint8Array,
  dynamicDictionary: ConstructorParameters<typeof DocumentReader>[2] = null,
): Reply {
  const S = envelopeNs(wire);
  const r = new DocumentReader(bytes, wire.encoding, dynamicDictionary);
  try {
    r.find("Envelope", S);
    r.enter();
    let action: string | undefined;
    let relatesTo: string | undefined;
    let next = r.nextElement();
    if (next?.localName === "Header" && next.ns === S) {
      r.enter();
      for (let i = 0, h = r.nextElement(); h !== undefined && i < 64; i++, h = r.nextElement()) {
        if (h.ns === WSA10 && h.localName === "Action") action = r.text();
        else if (h.ns === WSA10 && h.localName === "RelatesTo") relatesTo = r.text();
        else r.skip();
      }
      r.leave();
      next = r.nextElement();
    }
    if (next?.localName !== "Body" || next.ns !== S) throw new Error(`expected the Body, found ${JSON.stringify(next)}`);
    r.enter();
    const first = r.nextElement();
    if (first === undefined) throw new Error("empty Body");
    const body = first.localName === "Fault" && first.ns === S ? readFault(r, wire) : readResult(r, op, first.localName);
    return { ...(action === undefined ? {} : { action }), ...(relatesTo === undefined ? {} : { relatesTo }), body };
  } finally {
    r.free();
  }
}

function readResult(r: DocumentReader, op: CalcCall["op"], response: string): Result {
  r.enter();
  const element = r.nextElement();
  let value: Result["value"];
  if (element !== undefined) {
    if (element.localName !== `${op}Result` || element.ns !== TEMPURI) throw new Error(`unexpected ${JSON.stringify(element)}`);
    value = op === "Add" ? r.int32() : op === "EchoBytes" ? r.bytes() : r.text();
  }
  return { kind: "result", response, value };
}

function readFault(r: DocumentReader, wire: Wire): Fault {
  r.enter();
  if (wire.soap === "1.1") {
    // faultcode and faultstring are unqualified ([SOAP 1.1] 4.4).
    let code = "";
    let reason = "";
    for (let i = 0, e = r.nextElement(); e !== undefined && i < 16; i++, e = r.nextElement()) {
      if (e.localName === "faultcode") code = r.text();
      else if (e.localName === "faultstring") reason = r.text();
      else r.skip();
    }
    return { kind: "fault", code, reason };
  }
  const S = SOAP12;
  r.find("Code", S);
  r.enter();
  r.find("Value", S);
  const code = r.text();
  let subcode: string | undefined;
  const sub = r.nextElement();
  if (sub?.localName === "Subcode" && sub.ns === S) {
    r.enter();
    r.find("Value", S);
    subcode = r.text();
    for (let i = 0; r.nextElement() !== undefined && i < 16; i++) r.skip();
    r.leave();
  }
  r.leave();
  r.find("Reason", S);
  r.enter();
  r.find("Text", S);
  const reason = r.text();
  return { kind: "fault", code, ...(subcode === undefined ? {} : { subcode }), reason };
}
