import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_ATTRIBUTE_TYPE_MAPPING,
  WS_CERT_ENDPOINT_IDENTITY_TYPE,
  WS_DNS_ENDPOINT_IDENTITY_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_ENDPOINT_ADDRESS,
  WS_ENDPOINT_ADDRESS_TYPE,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_RSA_ENDPOINT_IDENTITY_TYPE,
  WS_SPN_ENDPOINT_IDENTITY_TYPE,
  type WS_TYPE_MAPPING,
  WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE,
  WS_UPN_ENDPOINT_IDENTITY_TYPE,
  WS_WRITE_REQUIRED_VALUE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsReadElement,
  WsReadEndElement,
  WsReadStartElement,
  WsReadToStartElement,
  WsReadType,
  WsWriteEndElement,
  WsWriteStartElement,
  WsWriteType,
} from "../index.js";
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
  writeElementBytes,
} from "./envelope.test-support.js";
import { newError, newHeap, newWriter, text, written, x } from "./serialization.test-support.js";

const A10 = "http://www.w3.org/2005/08/addressing";
const A09 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
const IDENTITY = "http://schemas.xmlsoap.org/ws/2006/02/addressingidentity";
const V10 = { addressingVersion: WS_ADDRESSING_VERSION_1_0 };
const V09 = { addressingVersion: WS_ADDRESSING_VERSION_0_9 };
const replyTo = (ns: string, description: unknown) => element("ReplyTo", ns, WS_ENDPOINT_ADDRESS_TYPE, description);

function address(fields: Partial<WS_ENDPOINT_ADDRESS>): WS_ENDPOINT_ADDRESS {
  return { url: "", headers: null, extensions: null, identity: null, ...fields };
}

describe("WS_ENDPOINT_ADDRESS_TYPE, written", () => {
  it("a zero-length url is the anonymous address of the version (WS-Addressing 1.0)", () => {
    const bytes = writeElementBytes(newWriter(), replyTo(A10, V10), address({}));
    expect(text(bytes)).toBe(`<ReplyTo xmlns="${A10}"><Address>http://www.w3.org/2005/08/addressing/anonymous</Address></ReplyTo>`);
  });

  it("WS-Addressing 0.9's anonymous address is role/anonymous", () => {
    const bytes = writeElementBytes(newWriter(), replyTo(A09, V09), address({}));
    expect(text(bytes)).toBe(
      `<ReplyTo xmlns="${A09}"><Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</Address></ReplyTo>`,
    );
  });

  it("1.0: Address, ReferenceParameters holding the headers, the extensions (Metadata first), then Identity", () => {
    const heap = newHeap();
    const value = address({
      url: "http://example.org/a?b=1&c=2",
      headers: bufferFrom(heap, `<h:Session xmlns:h="urn:h">42</h:Session><h:Tenant xmlns:h="urn:h">t</h:Tenant>`),
      extensions: bufferFrom(heap, `<Metadata xmlns="${A10}"><m/></Metadata><e:Ext xmlns:e="urn:e"/>`),
      identity: { identityType: WS_DNS_ENDPOINT_IDENTITY_TYPE, dns: "host.example.org" } as never,
    });
    expect(text(writeElementBytes(newWriter(), replyTo(A10, V10), value))).toBe(
      `<ReplyTo xmlns="${A10}"><Address>http://example.org/a?b=1&amp;c=2</Address>` +
        `<ReferenceParameters><h:Session xmlns:h="urn:h">42</h:Session><h:Tenant xmlns:h="urn:h">t</h:Tenant></ReferenceParameters>` +
        `<Metadata><m/></Metadata><e:Ext xmlns:e="urn:e"/>` +
        `<Identity xmlns="${IDENTITY}"><Dns>host.example.org</Dns></Identity></ReplyTo>`,
    );
  });

  it("0.9: a leading ReferenceProperties of the extensions goes before ReferenceParameters (the schema's order)", () => {
    const heap = newHeap();
    const value = address({
      url: "urn:to",
      headers: bufferFrom(heap, `<p xmlns="urn:p">1</p>`),
      extensions: bufferFrom(
        heap,
        `<ReferenceProperties xmlns="${A09}"><q xmlns="urn:q">2</q></ReferenceProperties><PortType xmlns="${A09}">x</PortType>`,
      ),
    });
    expect(text(writeElementBytes(newWriter(), replyTo(A09, V09), value))).toBe(
      `<ReplyTo xmlns="${A09}"><Address>urn:to</Address>` +
        `<ReferenceProperties><q xmlns="urn:q">2</q></ReferenceProperties>` +
        `<ReferenceParameters><p xmlns="urn:p">1</p></ReferenceParameters>` +
        `<PortType>x</PortType></ReplyTo>`,
    );
  });

  it("identities: SPN and UPN by name, RSA and certificates as xmldsig KeyInfo, an unknown one as its element", () => {
    const heap = newHeap();
    const write = (identity: unknown) =>
      written(
        (() => {
          const writer = newWriter();
          writeElementBytes(
            writer,
            element("EndpointReference", A10, WS_ENDPOINT_ADDRESS_TYPE, V10),
            address({ url: "urn:u", identity: identity as never }),
          );
          return writer;
        })(),
      );
    const head = `<EndpointReference xmlns="${A10}"><Address>urn:u</Address>`;
    expect(write({ identityType: WS_SPN_ENDPOINT_IDENTITY_TYPE, spn: "host/h" })).toBe(
      `${head}<Identity xmlns="${IDENTITY}"><Spn>host/h</Spn></Identity></EndpointReference>`,
    );
    expect(write({ identityType: WS_RSA_ENDPOINT_IDENTITY_TYPE, modulus: Uint8Array.of(1, 2, 3), exponent: Uint8Array.of(1, 0, 1) })).toBe(
      `${head}<Identity xmlns="${IDENTITY}"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><RSAKeyValue>` +
        `<Modulus>AQID</Modulus><Exponent>AQAB</Exponent></RSAKeyValue></KeyInfo></Identity></EndpointReference>`,
    );
    expect(write({ identityType: WS_CERT_ENDPOINT_IDENTITY_TYPE, rawCertificateData: Uint8Array.of(0xff) })).toBe(
      `${head}<Identity xmlns="${IDENTITY}"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data>` +
        `<X509Certificate>/w==</X509Certificate></X509Data></KeyInfo></Identity></EndpointReference>`,
    );
    const unknown = bufferFrom(heap, `<Identity xmlns="${IDENTITY}"><Other/></Identity>`);
    expect(write({ identityType: WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE, element: unknown })).toBe(
      `${head}<Identity xmlns="${IDENTITY}"><Other/></Identity></EndpointReference>`,
    );
  });

  it("with WsWriteType (element mapping) into an element the caller started", () => {
    const writer = newWriter();
    expect(WsWriteStartElement(writer, x("a"), x("From"), x(A10))).toBe(S_OK);
    expect(
      WsWriteType(writer, WS_ELEMENT_TYPE_MAPPING, WS_ENDPOINT_ADDRESS_TYPE, V10, WS_WRITE_REQUIRED_VALUE, address({ url: "urn:me" })),
    ).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(written(writer)).toBe(`<a:From xmlns:a="${A10}"><a:Address>urn:me</a:Address></a:From>`);
  });

  it("refuses the transport addressing version, a missing description, the attribute mapping and a bad url (E_INVALIDARG)", () => {
    const error = newError();
    const attempt = (description: unknown, value: unknown, mapping: WS_TYPE_MAPPING = WS_ELEMENT_CONTENT_TYPE_MAPPING) => {
      const writer = newWriter();
      WsWriteStartElement(writer, null, x("t"), x(""));
      return WsWriteType(writer, mapping, WS_ENDPOINT_ADDRESS_TYPE, description, WS_WRITE_REQUIRED_VALUE, value, error);
    };
    expect(attempt({ addressingVersion: WS_ADDRESSING_VERSION_TRANSPORT }, address({}))).toBe(E_INVALIDARG);
    expect(errorText(error)).toContain("WS_ADDRESSING_VERSION_TRANSPORT");
    expect(attempt(null, address({}))).toBe(E_INVALIDARG);
    expect(attempt(V10, address({}), WS_ATTRIBUTE_TYPE_MAPPING)).toBe(E_INVALIDARG);
    expect(attempt(V10, { url: 5 })).toBe(E_INVALIDARG);
    expect(errorText(error)).toBe("WsWriteType: the value.url must be a string (a WS_STRING), not number 5.");
  });
});

describe("WS_ENDPOINT_ADDRESS_TYPE, read", () => {
  it("a WCF-style EndpointReference (1.0): url, headers, extensions and identity", () => {
    const heap = newHeap();
    const xml =
      `<a:ReplyTo xmlns:a="${A10}"><a:Address>http://localhost:8080/svc</a:Address>` +
      `<a:ReferenceParameters><h:Id xmlns:h="urn:h">7</h:Id><h:Other xmlns:h="urn:h"/></a:ReferenceParameters>` +
      `<a:Metadata><x/></a:Metadata>` +
      `<Identity xmlns="${IDENTITY}"><Dns>localhost</Dns></Identity>` +
      `<e:Ext xmlns:e="urn:e">1</e:Ext></a:ReplyTo>`;
    const { hr, value } = readElement(readerOn(xml), replyTo(A10, V10), heap);
    expect(hr).toBe(S_OK);
    const read = value as WS_ENDPOINT_ADDRESS;
    expect(read.url).toBe("http://localhost:8080/svc");
    expect(bufferXml(read.headers, heap)).toBe(`<h:Id xmlns:h="urn:h">7</h:Id><h:Other xmlns:h="urn:h"/>`);
    expect(bufferXml(read.extensions, heap)).toBe(`<a:Metadata xmlns:a="${A10}"><x/></a:Metadata><e:Ext xmlns:e="urn:e">1</e:Ext>`);
    expect({ ...read.identity }).toEqual({ identityType: WS_DNS_ENDPOINT_IDENTITY_TYPE, dns: "localhost" });
  });

  it("the anonymous address reads as the zero-length url; no ReferenceParameters is NULL headers", () => {
    const xml = `<ReplyTo xmlns="${A09}"><Address> http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous </Address></ReplyTo>`;
    const { hr, value } = readElement(readerOn(xml), replyTo(A09, V09), newHeap());
    expect(hr).toBe(S_OK);
    expect({ ...(value as object) }).toEqual({ url: "", headers: null, extensions: null, identity: null });
  });

  it("0.9: ReferenceProperties and PortType stay in the extensions, in document order", () => {
    const heap = newHeap();
    const xml =
      `<To xmlns="${A09}"><Address>urn:x</Address><ReferenceProperties><k xmlns="urn:k">1</k></ReferenceProperties>` +
      `<ReferenceParameters><p xmlns="urn:p">2</p></ReferenceParameters><PortType>pt</PortType></To>`;
    const { value } = readElement(readerOn(xml), element("To", A09, WS_ENDPOINT_ADDRESS_TYPE, V09), heap);
    const read = value as WS_ENDPOINT_ADDRESS;
    expect(bufferXml(read.headers, heap)).toBe(`<p xmlns="urn:p">2</p>`);
    expect(bufferXml(read.extensions, heap)).toBe(
      `<ReferenceProperties xmlns="${A09}"><k xmlns="urn:k">1</k></ReferenceProperties><PortType xmlns="${A09}">pt</PortType>`,
    );
  });

  it("identities: RSA and certificate KeyInfo, and anything else as WS_UNKNOWN_ENDPOINT_IDENTITY with the Identity element", () => {
    const heap = newHeap();
    const read = (identity: string) =>
      (
        readElement(
          readerOn(`<R xmlns="${A10}"><Address>urn:u</Address>${identity}</R>`),
          element("R", A10, WS_ENDPOINT_ADDRESS_TYPE, V10),
          heap,
        ).value as WS_ENDPOINT_ADDRESS
      ).identity as unknown as Record<string, unknown>;
    const dsig = `xmlns="http://www.w3.org/2000/09/xmldsig#"`;
    expect({
      ...read(
        `<Identity xmlns="${IDENTITY}"><KeyInfo ${dsig}><RSAKeyValue><Modulus>AQID</Modulus><Exponent>AQAB</Exponent></RSAKeyValue></KeyInfo></Identity>`,
      ),
    }).toEqual({
      identityType: WS_RSA_ENDPOINT_IDENTITY_TYPE,
      modulus: Uint8Array.of(1, 2, 3),
      exponent: Uint8Array.of(1, 0, 1),
    });
    expect({
      ...read(
        `<Identity xmlns="${IDENTITY}"><KeyInfo ${dsig}><X509Data><X509Certificate>/w==</X509Certificate></X509Data></KeyInfo></Identity>`,
      ),
    }).toEqual({
      identityType: WS_CERT_ENDPOINT_IDENTITY_TYPE,
      rawCertificateData: Uint8Array.of(0xff),
    });
    const unknown = read(`<Identity xmlns="${IDENTITY}"><Dns>a</Dns><Spn>b</Spn></Identity>`);
    expect(unknown.identityType).toBe(WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE);
    expect(bufferXml(unknown.element as never, heap)).toBe(`<Identity xmlns="${IDENTITY}"><Dns>a</Dns><Spn>b</Spn></Identity>`);
    const odd = read(`<Identity xmlns="${IDENTITY}"><Dns><b/></Dns></Identity>`);
    expect(odd.identityType).toBe(WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE);
    expect(bufferXml(odd.element as never, heap)).toBe(`<Identity xmlns="${IDENTITY}"><Dns><b/></Dns></Identity>`);
  });

  it("with WsReadType and the element content mapping: the content where the reader is, up to its end", () => {
    const reader = readerOn(`<ReplyTo xmlns="${A10}"><Address>urn:c</Address><x:E xmlns:x="urn:x"/></ReplyTo>`);
    expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
    expect(WsReadStartElement(reader)).toBe(S_OK);
    const heap = newHeap();
    const value = ref<unknown>(null);
    expect(WsReadType(reader, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_ENDPOINT_ADDRESS_TYPE, V10, WS_READ_REQUIRED_VALUE, heap, value)).toBe(
      S_OK,
    );
    const read = value.value as WS_ENDPOINT_ADDRESS;
    expect(read.url).toBe("urn:c");
    expect(bufferXml(read.extensions, heap)).toBe(`<x:E xmlns:x="urn:x"/>`);
    expect(WsReadEndElement(reader)).toBe(S_OK);
  });

  it("a missing element is NULL with WS_READ_OPTIONAL_POINTER; a bad description is E_INVALIDARG before the reader moves", () => {
    const reader = readerOn(`<Other/>`);
    const value = ref<unknown>(1);
    expect(WsReadElement(reader, replyTo(A10, V10), WS_READ_OPTIONAL_POINTER, newHeap(), value)).toBe(S_OK);
    expect(value.value).toBeNull();
    const on = readerOn(`<ReplyTo xmlns="${A10}"><Address>urn:c</Address></ReplyTo>`);
    expect(readElement(on, replyTo(A10, { addressingVersion: WS_ADDRESSING_VERSION_TRANSPORT }), newHeap()).hr).toBe(E_INVALIDARG);
    expect(readElement(on, replyTo(A10, V10), newHeap()).hr).toBe(S_OK);
  });

  it("bad input is WS_E_INVALID_FORMAT saying what and where", () => {
    const error = newError();
    const fails = (xml: string, message: unknown) => {
      expect(readElement(readerOn(xml), replyTo(A10, V10), newHeap(), error).hr).toBe(WS_E_INVALID_FORMAT);
      expect(errorText(error)).toEqual(message);
    };
    fails(
      `<ReplyTo xmlns="${A10}"><ReferenceParameters/></ReplyTo>`,
      `WsReadElement: <Address> in "${A10}" was expected in <ReplyTo> in "${A10}", but the reader is on the element <ReferenceParameters> (the reader is at line 1, column 77).`,
    );
    fails(
      `<ReplyTo xmlns="${A10}"><Address xmlns="${A09}">urn:a</Address></ReplyTo>`,
      expect.stringContaining(`<Address> in "${A10}" was expected`),
    );
    fails(`<ReplyTo xmlns="${A10}"><Address>urn:a</Address>text</ReplyTo>`, expect.stringContaining("holds elements only"));
    fails(
      `<ReplyTo xmlns="${A10}"><Address>urn:a</Address><Address>urn:b</Address></ReplyTo>`,
      expect.stringContaining("a second <Address>"),
    );
    fails(`<ReplyTo xmlns="${A10}"><Address><b/></Address></ReplyTo>`, expect.stringContaining("is not expected in the <Address> of"));
  });

  it("accounts what it reads on the heap, and fails with WS_E_QUOTA_EXCEEDED past its maximum", () => {
    const xml = `<ReplyTo xmlns="${A10}"><Address>urn:abcd</Address></ReplyTo>`;
    const heap = newHeap();
    expect(readElement(readerOn(xml), replyTo(A10, V10), heap).hr).toBe(S_OK);
    expect(requestedSize(heap)).toBe(16); // "urn:abcd", 8 UTF-16 units
    const pointer = newHeap();
    const value = ref<unknown>(null);
    expect(
      WsReadType(readerOn(xml), WS_ELEMENT_TYPE_MAPPING, WS_ENDPOINT_ADDRESS_TYPE, V10, WS_READ_REQUIRED_POINTER, pointer, value),
    ).toBe(S_OK);
    expect(requestedSize(pointer)).toBe(16 + 40); // and the struct itself, read as a pointer
    const small = newHeap(10);
    expect(readElement(readerOn(xml), replyTo(A10, V10), small).hr).toBe(WS_E_QUOTA_EXCEEDED);
  });
});

describe("WS_ENDPOINT_ADDRESS_TYPE, round trips", () => {
  const heap = newHeap(1 << 20);
  const value = address({
    url: "net.tcp://host:808/svc",
    headers: bufferFrom(heap, `<h:Id xmlns:h="urn:h">7</h:Id>`),
    extensions: bufferFrom(heap, `<Metadata xmlns="${A10}"/>`),
    identity: { identityType: WS_UPN_IDENTITY.type, upn: "me@example.org" } as never,
  });

  for (const [name, writer, reader] of [
    ["text", () => newWriter(), (bytes: Uint8Array) => readerOn(bytes)],
    ["binary", () => binaryWriter(false), (bytes: Uint8Array) => binaryReaderOn(bytes, false)],
    ["binary with the static dictionary", () => binaryWriter(true), (bytes: Uint8Array) => binaryReaderOn(bytes, true)],
  ] as const) {
    it(name, () => {
      const w = writer();
      const bytes = writeElementBytes(w, replyTo(A10, V10), value).slice();
      const { hr, value: read } = readElement(reader(bytes), replyTo(A10, V10), heap);
      expect(hr).toBe(S_OK);
      const back = read as WS_ENDPOINT_ADDRESS;
      expect(back.url).toBe(value.url);
      expect(bufferXml(back.headers, heap)).toBe(`<h:Id xmlns:h="urn:h">7</h:Id>`);
      expect(bufferXml(back.extensions, heap)).toBe(`<Metadata xmlns="${A10}"/>`);
      expect({ ...back.identity }).toEqual({ identityType: WS_UPN_IDENTITY.type, upn: "me@example.org" });
    });
  }

  it("with the static dictionary, Address and the anonymous address are dictionary references ([MC-NBFS] 0x2A, 0x14)", () => {
    const bytes = writeElementBytes(binaryWriter(true), replyTo(A10, V10), address({}));
    const ascii = (s: string) => [...new TextEncoder().encode(s)];
    expect([...bytes]).toEqual([
      0x40,
      7,
      ...ascii("ReplyTo"), // ShortElement (the caller's name is no dictionary string)
      0x08,
      A10.length,
      ...ascii(A10), // ShortXmlnsAttribute
      0x42,
      0x2a, // ShortDictionaryElement "Address"
      0xab,
      0x14, // DictionaryTextWithEndElement "http://www.w3.org/2005/08/addressing/anonymous"
      0x01, // EndElement
    ]);
    // Read back: the dictionary text of the anonymous address is the zero-length url again.
    const { hr, value } = readElement(binaryReaderOn(bytes.slice(), true), replyTo(A10, V10), newHeap());
    expect(hr).toBe(S_OK);
    expect((value as WS_ENDPOINT_ADDRESS).url).toBe("");
  });
});

const WS_UPN_IDENTITY = { type: WS_UPN_ENDPOINT_IDENTITY_TYPE };
