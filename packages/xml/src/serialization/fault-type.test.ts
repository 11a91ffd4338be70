import {
  E_INVALIDARG,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_TYPE_MAPPING,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_FAULT,
  type WS_FAULT_CODE,
  WS_FAULT_TYPE,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsWriteEndElement, WsWriteStartElement, WsWriteType } from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import {
  binaryReaderOn,
  binaryWriter,
  bufferFrom,
  bufferXml,
  element,
  errorText,
  readElement,
  requestedSize,
} from "./envelope.test-support.js";
import { vocabulary } from "./envelope-support.js";
import { newError, newHeap, newWriter, written, writtenBytes, x } from "./serialization.test-support.js";

const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";
const V11 = { envelopeVersion: WS_ENVELOPE_VERSION_SOAP_1_1 };
const V12 = { envelopeVersion: WS_ENVELOPE_VERSION_SOAP_1_2 };
const fault11 = element("Fault", S11, WS_FAULT_TYPE, V11);
const fault12 = element("Fault", S12, WS_FAULT_TYPE, V12);

function code(localName: string, ns: string, subCode: WS_FAULT_CODE | null = null): WS_FAULT_CODE {
  return { value: { localName: x(localName), ns: x(ns) }, subCode };
}

/** The fault the tests write: Sender (no namespace: the SOAP one), two subcodes, two languages, node, role, detail. */
function richFault(): WS_FAULT {
  const heap = newHeap();
  return {
    code: code("Sender", "", code("Busy", "urn:app", code("Queue", "urn:app"))),
    reasons: [
      { text: "The queue is full", lang: "en-US" },
      { text: "Die Warteschlange ist voll", lang: "de" },
    ],
    actor: "urn:role",
    node: "urn:node",
    detail: bufferFrom(heap, `<anything xmlns:e="urn:e"><e:Info>x &amp; y</e:Info><e:More/></anything>`),
  };
}

/** WsWriteType into <s:Fault> started by the caller, as the message layer writes a fault body. */
function writeInFault(writer: WS_XML_WRITER, ns: string, description: unknown, value: unknown): string {
  expect(WsWriteStartElement(writer, x("s"), x("Fault"), x(ns))).toBe(S_OK);
  expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_FAULT_TYPE, description, WS_WRITE_REQUIRED_VALUE, value)).toBe(S_OK);
  expect(WsWriteEndElement(writer)).toBe(S_OK);
  return written(writer);
}

describe("WS_FAULT_TYPE, written", () => {
  it("SOAP 1.2: Code/Value with the Subcode chain, Reason/Text per language, Node, Role, Detail", () => {
    expect(writeInFault(newWriter(), S12, V12, richFault())).toBe(
      `<s:Fault xmlns:s="${S12}">` +
        `<s:Code><s:Value>s:Sender</s:Value>` +
        `<s:Subcode><s:Value xmlns:a="urn:app">a:Busy</s:Value>` +
        `<s:Subcode><s:Value xmlns:a="urn:app">a:Queue</s:Value></s:Subcode></s:Subcode></s:Code>` +
        `<s:Reason><s:Text xml:lang="en-US">The queue is full</s:Text><s:Text xml:lang="de">Die Warteschlange ist voll</s:Text></s:Reason>` +
        `<s:Node>urn:node</s:Node><s:Role>urn:role</s:Role>` +
        `<s:Detail><e:Info xmlns:e="urn:e">x &amp; y</e:Info><e:More xmlns:e="urn:e"/></s:Detail></s:Fault>`,
    );
  });

  it("SOAP 1.1: only the first code (Sender → Client) and the first reason; faultactor; no node; detail", () => {
    expect(writeInFault(newWriter(), S11, V11, richFault())).toBe(
      `<s:Fault xmlns:s="${S11}"><faultcode>s:Client</faultcode>` +
        `<faultstring xml:lang="en-US">The queue is full</faultstring><faultactor>urn:role</faultactor>` +
        `<detail><e:Info xmlns:e="urn:e">x &amp; y</e:Info><e:More xmlns:e="urn:e"/></detail></s:Fault>`,
    );
  });

  it("SOAP 1.1: Receiver → Server; a code with its own namespace is declared; no xml:lang without a language", () => {
    const fault = (c: WS_FAULT_CODE): WS_FAULT => ({ code: c, reasons: [{ text: "r", lang: "" }], actor: "", node: "", detail: null });
    expect(writeInFault(newWriter(), S11, V11, fault(code("Receiver", "")))).toBe(
      `<s:Fault xmlns:s="${S11}"><faultcode>s:Server</faultcode><faultstring>r</faultstring></s:Fault>`,
    );
    expect(writeInFault(newWriter(), S11, V11, fault(code("Custom", "urn:c")))).toBe(
      `<s:Fault xmlns:s="${S11}"><faultcode xmlns:a="urn:c">a:Custom</faultcode><faultstring>r</faultstring></s:Fault>`,
    );
  });

  it("with WsWriteElement and no prefix: the envelope namespace is the default one", () => {
    const writer = newWriter();
    const fault: WS_FAULT = { code: code("Receiver", ""), reasons: [{ text: "oops", lang: "" }], actor: "", node: "", detail: null };
    expect(WsWriteStartElement(writer, null, x("Body"), x(S12))).toBe(S_OK);
    expect(WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_FAULT_TYPE, V12, WS_WRITE_REQUIRED_VALUE, fault)).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(written(writer)).toBe(
      `<Body xmlns="${S12}"><Code><Value>Receiver</Value></Code><Reason><Text xml:lang="">oops</Text></Reason></Body>`,
    );
  });

  it("refuses a fault without a code or a reason, and descriptions without SOAP (E_INVALIDARG)", () => {
    const error = newError();
    const attempt = (description: unknown, value: unknown) => {
      const writer = newWriter();
      WsWriteStartElement(writer, x("s"), x("Fault"), x(S12));
      return WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_FAULT_TYPE, description, WS_WRITE_REQUIRED_VALUE, value, error);
    };
    const good = richFault();
    expect(attempt(V12, { ...good, code: null })).toBe(E_INVALIDARG);
    expect(errorText(error)).toBe('WsWriteType: the value.code is NULL, but "There must be at least one fault code".');
    expect(attempt(V12, { ...good, reasons: [] })).toBe(E_INVALIDARG);
    expect(errorText(error)).toContain('"There must be at least one fault reason"');
    expect(attempt({ envelopeVersion: WS_ENVELOPE_VERSION_NONE }, good)).toBe(E_INVALIDARG);
    expect(attempt(null, good)).toBe(E_INVALIDARG);
    const cycle = code("A", "");
    cycle.subCode = cycle;
    expect(attempt(V12, { ...good, code: cycle })).toBe(E_INVALIDARG);
    expect(errorText(error)).toContain("more than 64 subcodes");
  });
});

describe("WS_FAULT_TYPE, binary", () => {
  it("SOAP 1.2 with the static dictionary: the vocabulary as dictionary records, qualified names as text", () => {
    const w = binaryWriter(true);
    expect(WsWriteStartElement(w, x("s"), vocabulary("Fault"), vocabulary(S12))).toBe(S_OK);
    const fault: WS_FAULT = {
      code: code("Receiver", "", code("Busy", "urn:a")),
      reasons: [{ text: "r", lang: "en" }],
      actor: "",
      node: "",
      detail: null,
    };
    expect(WsWriteType(w, WS_ELEMENT_TYPE_MAPPING, WS_FAULT_TYPE, V12, WS_WRITE_REQUIRED_VALUE, fault)).toBe(S_OK);
    expect(WsWriteEndElement(w)).toBe(S_OK);
    const ascii = (s: string) => [...new TextEncoder().encode(s)];
    expect([...writtenBytes(w)]).toEqual([
      0x56,
      0x86,
      0x01, // PrefixDictionaryElementS "Fault" (0x86)
      0x0b,
      0x01,
      ...ascii("s"),
      0x04, // DictionaryXmlnsAttribute s = the SOAP 1.2 namespace (0x04)
      0x56,
      0x8e,
      0x01, // s:Code
      0x56,
      0x9a,
      0x01, // s:Value
      0x99,
      10,
      ...ascii("s:Receiver"), // Chars8TextWithEndElement
      0x56,
      0x9c,
      0x01, // s:Subcode
      0x56,
      0x9a,
      0x01, // s:Value
      0x09,
      0x01,
      ...ascii("a"),
      0x05,
      ...ascii("urn:a"), // XmlnsAttribute a = urn:a
      0x99,
      6,
      ...ascii("a:Busy"),
      0x01,
      0x01, // end Subcode, end Code
      0x56,
      0x90,
      0x01, // s:Reason
      0x56,
      0x92,
      0x01, // s:Text
      0x05,
      3,
      ...ascii("xml"),
      4,
      ...ascii("lang"),
      0x98,
      2,
      ...ascii("en"), // PrefixAttribute xml:lang, Chars8Text
      0x99,
      1,
      ...ascii("r"),
      0x01,
      0x01, // end Reason, end Fault
    ]);
  });
});

describe("WS_FAULT_TYPE, read", () => {
  it("a SOAP 1.1 fault as WCF sends it (the Wine test's): the code is read as written, Client", () => {
    const heap = newHeap();
    const xml = `<s:Fault xmlns:s="${S11}"><faultcode>s:Client</faultcode><faultstring>OLS Exception</faultstring></s:Fault>`;
    const { hr, value } = readElement(readerOn(xml), fault11, heap);
    expect(hr).toBe(S_OK);
    const fault = value as WS_FAULT;
    expect(new TextDecoder().decode(fault.code!.value.localName.bytes)).toBe("Client");
    expect(new TextDecoder().decode(fault.code!.value.ns.bytes)).toBe(S11);
    expect(fault.code!.subCode).toBeNull();
    expect(fault.reasons.map((r) => ({ ...r }))).toEqual([{ text: "OLS Exception", lang: "" }]);
    expect([fault.actor, fault.node, fault.detail]).toEqual(["", "", null]);
  });

  it("a SOAP 1.2 fault: the subcode chain, every Text with its language, Node, Role, the Detail element whole", () => {
    const heap = newHeap();
    const xml =
      `<s:Fault xmlns:s="${S12}"><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value xmlns:a="urn:app">a:Busy</s:Value>` +
      `<s:Subcode><s:Value xmlns:b="urn:b">b:Queue</s:Value></s:Subcode></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en-US">full</s:Text><s:Text xml:lang="de">voll</s:Text></s:Reason>` +
      `<s:Node>urn:node</s:Node><s:Role>urn:role</s:Role><s:Detail><e:Info xmlns:e="urn:e">1</e:Info></s:Detail></s:Fault>`;
    const { hr, value } = readElement(readerOn(xml), fault12, heap);
    expect(hr).toBe(S_OK);
    const fault = value as WS_FAULT;
    const names: string[] = [];
    for (let c: WS_FAULT_CODE | null = fault.code; c !== null; c = c.subCode) {
      names.push(`{${new TextDecoder().decode(c.value.ns.bytes)}}${new TextDecoder().decode(c.value.localName.bytes)}`);
    }
    expect(names).toEqual([`{${S12}}Sender`, "{urn:app}Busy", "{urn:b}Queue"]);
    expect(fault.reasons.map((r) => ({ ...r }))).toEqual([
      { text: "full", lang: "en-US" },
      { text: "voll", lang: "de" },
    ]);
    expect([fault.node, fault.actor]).toEqual(["urn:node", "urn:role"]);
    expect(bufferXml(fault.detail, heap)).toBe(`<s:Detail xmlns:s="${S12}"><e:Info xmlns:e="urn:e">1</e:Info></s:Detail>`);
  });

  it("accounts the fault on the heap: codes, qualified names, reasons and their strings", () => {
    const heap = newHeap();
    const xml = `<s:Fault xmlns:s="${S11}"><faultcode>s:Client</faultcode><faultstring xml:lang="en">OLS</faultstring></s:Fault>`;
    expect(readElement(readerOn(xml), fault11, heap).hr).toBe(S_OK);
    // WS_FAULT_CODE 72 + the qualified name as WsReadQualifiedName accounts it ("s", "Client" and the namespace:
    // 1 + 6 + 41 bytes) + WS_FAULT_REASON 32 + "OLS" and "en" (2 bytes per UTF-16 unit).
    expect(requestedSize(heap)).toBe(72 + 1 + 6 + S11.length + 32 + 6 + 4);
  });

  it("bad input is WS_E_INVALID_FORMAT saying what and where", () => {
    const error = newError();
    const fails = (xml: string, description: typeof fault12, message: unknown) => {
      expect(readElement(readerOn(xml), description, newHeap(), error).hr).toBe(WS_E_INVALID_FORMAT);
      expect(errorText(error)).toEqual(message);
    };
    fails(
      `<s:Fault xmlns:s="${S12}"><s:Reason><s:Text xml:lang="en">r</s:Text></s:Reason></s:Fault>`,
      fault12,
      `WsReadElement: <Code> in "${S12}" was expected in <Fault> in "${S12}", but the reader is on the element <Reason> (the reader is at line 1, column 70).`,
    );
    fails(
      `<s:Fault xmlns:s="${S12}"><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason></s:Reason></s:Fault>`,
      fault12,
      expect.stringMatching(
        /^WsReadElement: <Text> in "[^"]+" was expected in the <Reason> of <Fault> .*, but the reader is on an end element \(the reader is at line 1, column \d+\)\.$/,
      ),
    );
    // A SOAP 1.1 fault read as SOAP 1.2: the wrong namespace.
    fails(
      `<s:Fault xmlns:s="${S12}"><faultcode>s:Client</faultcode><faultstring>x</faultstring></s:Fault>`,
      fault12,
      expect.stringContaining(`<Code> in "${S12}" was expected`),
    );
    fails(`<s:Fault xmlns:s="${S11}"><faultstring>x</faultstring></s:Fault>`, fault11, expect.stringContaining("<faultcode> was expected"));
    fails(
      `<s:Fault xmlns:s="${S11}"><faultcode>s:Client</faultcode><faultstring>x</faultstring><extra/></s:Fault>`,
      fault11,
      expect.stringContaining("<extra>"),
    );
    fails(
      `<s:Fault xmlns:s="${S11}"><faultcode>q:Client</faultcode><faultstring>x</faultstring></s:Fault>`,
      fault11,
      expect.stringContaining('"q"'),
    );
  });
});

describe("WS_FAULT_TYPE, round trips", () => {
  for (const [name, writer, reader] of [
    ["text", () => newWriter(), (bytes: Uint8Array) => readerOn(bytes)],
    ["binary", () => binaryWriter(false), (bytes: Uint8Array) => binaryReaderOn(bytes, false)],
    ["binary with the static dictionary", () => binaryWriter(true), (bytes: Uint8Array) => binaryReaderOn(bytes, true)],
  ] as const) {
    it(`${name}, SOAP 1.2 and SOAP 1.1`, () => {
      for (const [ns, description, elementDescription] of [
        [S12, V12, fault12],
        [S11, V11, fault11],
      ] as const) {
        const heap = newHeap();
        const w = writer();
        writeInFault(w, ns, description, richFault());
        const { hr, value } = readElement(reader(writtenBytes(w).slice()), elementDescription, heap);
        expect(hr).toBe(S_OK);
        const fault = value as WS_FAULT;
        const local = (c: WS_FAULT_CODE | null) => (c === null ? null : new TextDecoder().decode(c.value.localName.bytes));
        if (ns === S12) {
          expect([local(fault.code), local(fault.code!.subCode), local(fault.code!.subCode!.subCode)]).toEqual(["Sender", "Busy", "Queue"]);
          expect(fault.reasons).toHaveLength(2);
          expect([fault.node, fault.actor]).toEqual(["urn:node", "urn:role"]);
        } else {
          expect([local(fault.code), fault.code!.subCode]).toEqual(["Client", null]);
          expect(fault.reasons.map((r) => ({ ...r }))).toEqual([{ text: "The queue is full", lang: "en-US" }]);
          expect([fault.node, fault.actor]).toEqual(["", "urn:role"]);
        }
        expect(bufferXml(fault.detail, heap)).toContain(`<e:Info xmlns:e="urn:e">x &amp; y</e:Info><e:More xmlns:e="urn:e"/>`);
      }
    });
  }
});
