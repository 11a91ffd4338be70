import {
  E_INVALIDARG,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_CERT_ENDPOINT_IDENTITY_TYPE,
  WS_DNS_ENDPOINT_IDENTITY_TYPE,
  WS_E_INVALID_FORMAT,
  type WS_ENDPOINT_ADDRESS,
  type WS_ENDPOINT_ADDRESS_DESCRIPTION,
  type WS_ENDPOINT_IDENTITY,
  WS_RSA_ENDPOINT_IDENTITY_TYPE,
  WS_SPN_ENDPOINT_IDENTITY_TYPE,
  WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE,
  WS_UPN_ENDPOINT_IDENTITY_TYPE,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, stringBytes, WsError } from "@wwsapi/core/internal";
import { decodeUtf8, xmlStringEquals } from "../text-utils/xml-string.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { copyCurrent } from "../xml-buffer/node-copy.js";
import {
  atEnd,
  bufferAndWriter,
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
import { asElement, charge, describe, endOfElement, invalidFormat, next, type ReadContext, significant } from "./read-context.js";
import { readElementBuffer } from "./read-primitive.js";
import type { SerialWriter } from "./serial-writer.js";

/**
 * WS_ENDPOINT_ADDRESS_TYPE with its WS_ENDPOINT_ADDRESS_DESCRIPTION ("The WS-Addressing version to
 * use when serializing the endpoint address"): the content of a WS-Addressing endpoint reference.
 *
 * WS_ENDPOINT_ADDRESS: url "corresponds to the Address element"; "The anonymous address string is
 * automatically mapped to/from the zero-length string when the endpoint address is serialized or
 * deserialized using WS_ENDPOINT_ADDRESS_TYPE"; headers "corresponds to the content of the
 * ReferenceParameters element"; extensions "corresponds to the other elements defined by
 * WS-Addressing and any extension elements … should not contain elements for Address or
 * ReferenceParameters, or Identity … If the ReferenceProperties element is present (as defined by
 * WS_ADDRESSING_VERSION_0_9), it must be the first element within the WS_XML_BUFFER"; identity
 * "corresponds to the Identity element, which is an extension of the base WS-Addressing
 * specifications". So extensions holds whole elements (Metadata, ReferenceProperties, PortType,
 * ServiceName, anything else), as WsReadEndpointAddressExtension reads them from it.
 */

export interface AddressingNames {
  readonly ns: WS_XML_STRING;
  readonly anonymous: WS_XML_STRING;
}

const ADDRESSING: Readonly<Record<number, AddressingNames>> = {
  [WS_ADDRESSING_VERSION_0_9]: {
    ns: vocabulary("http://schemas.xmlsoap.org/ws/2004/08/addressing"),
    anonymous: vocabulary("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"),
  },
  [WS_ADDRESSING_VERSION_1_0]: {
    ns: vocabulary("http://www.w3.org/2005/08/addressing"),
    anonymous: vocabulary("http://www.w3.org/2005/08/addressing/anonymous"),
  },
};
const ADDRESS = vocabulary("Address");
const REFERENCE_PARAMETERS = vocabulary("ReferenceParameters");
const REFERENCE_PROPERTIES = vocabulary("ReferenceProperties");
/** The Identity extension of WCF and WWSAPI, and the names of the identities it carries. */
const IDENTITY_NS = vocabulary("http://schemas.xmlsoap.org/ws/2006/02/addressingidentity");
const IDENTITY = vocabulary("Identity");
const XMLDSIG_NS = vocabulary("http://www.w3.org/2000/09/xmldsig#");
const KEY_INFO = vocabulary("KeyInfo");
const RSA_KEY_VALUE = vocabulary("RSAKeyValue");
const MODULUS = vocabulary("Modulus");
const EXPONENT = vocabulary("Exponent");
const X509_DATA = vocabulary("X509Data");
const X509_CERTIFICATE = vocabulary("X509Certificate");
const NAMED_IDENTITIES: ReadonlyArray<{ type: number; name: WS_XML_STRING; field: "dns" | "spn" | "upn" }> = [
  { type: WS_DNS_ENDPOINT_IDENTITY_TYPE, name: vocabulary("Dns"), field: "dns" },
  { type: WS_SPN_ENDPOINT_IDENTITY_TYPE, name: vocabulary("Spn"), field: "spn" },
  { type: WS_UPN_ENDPOINT_IDENTITY_TYPE, name: vocabulary("Upn"), field: "upn" },
];

/** What the identity structs cost on the heap (64-bit): the type and a WS_STRING, WS_BYTES or pointer. */
const IDENTITY_SIZE = 24;

export function addressingOf(fn: string, description: unknown): AddressingNames {
  const version = (description as WS_ENDPOINT_ADDRESS_DESCRIPTION | null)?.addressingVersion;
  const names = version === undefined ? undefined : ADDRESSING[version];
  if (typeof description !== "object" || description === null || names === undefined) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: WS_ENDPOINT_ADDRESS_TYPE needs a WS_ENDPOINT_ADDRESS_DESCRIPTION whose addressingVersion is WS_ADDRESSING_VERSION_0_9 or WS_ADDRESSING_VERSION_1_0 (an endpoint reference has no form for WS_ADDRESSING_VERSION_TRANSPORT), not ${describeValue(version ?? description)}.`,
    );
  }
  return names;
}

// --- reading ------------------------------------------------------------------------------------

/**
 * The endpoint reference where the reader is, in the content of its element: Address first
 * (required), then in any order the ReferenceParameters (whose children become `headers`), an
 * Identity, and every other element, kept whole in `extensions` in document order. The reader ends
 * on the end element (or EOF) that closes the content.
 */
export function readEndpointAddress(ctx: ReadContext, description: unknown, what: string): WS_ENDPOINT_ADDRESS {
  const names = addressingOf(ctx.fn, description);
  requiredElement(ctx, ADDRESS, names.ns, what);
  // xs:anyURI collapses white space: leading and trailing XML white space is not part of the URL.
  let url = readTextElement(ctx, `the <Address> of ${what}`).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  if (url === decodeUtf8(names.anonymous.bytes)) url = "";
  else charge(ctx, stringBytes(url), `the url of ${what}`);
  const value: WS_ENDPOINT_ADDRESS = Object.assign(Object.create(null), { url, headers: null, extensions: null, identity: null });
  let extensions: { buffer: WS_XML_BUFFER; writer: XmlWriterObject } | null = null;
  while (!atEnd(ctx)) {
    const element = asElement(significant(ctx));
    if (element === null) throw invalidFormat(ctx, `${describe(ctx.target.node)} is not expected in ${what}, which holds elements only`);
    if (elementHere(ctx, ADDRESS, names.ns) !== null) throw invalidFormat(ctx, `${what} has a second <Address>`);
    if (elementHere(ctx, REFERENCE_PARAMETERS, names.ns) !== null) {
      if (value.headers !== null) throw invalidFormat(ctx, `${what} has a second <ReferenceParameters>`);
      value.headers = readChildren(ctx, `the <ReferenceParameters> of ${what}`);
    } else if (elementHere(ctx, IDENTITY, IDENTITY_NS) !== null) {
      if (value.identity !== null) throw invalidFormat(ctx, `${what} has a second <Identity>`);
      value.identity = readIdentity(ctx, `the <Identity> of ${what}`);
    } else {
      extensions ??= bufferAndWriter(ctx, `the extensions of ${what}`);
      copyCurrent(ctx.fn, ctx.target, extensions.writer);
    }
  }
  value.extensions = extensions?.buffer ?? null;
  return value;
}

/** The child elements of the element the reader is on, in a new buffer (null when it has none); the reader ends after it. */
function readChildren(ctx: ReadContext, what: string): WS_XML_BUFFER | null {
  next(ctx);
  let children: { buffer: WS_XML_BUFFER; writer: XmlWriterObject } | null = null;
  while (!atEnd(ctx)) {
    if (asElement(significant(ctx)) === null)
      throw invalidFormat(ctx, `${describe(ctx.target.node)} is not expected in ${what}, which holds elements only`);
    children ??= bufferAndWriter(ctx, what);
    copyCurrent(ctx.fn, ctx.target, children.writer);
  }
  endOfElement(ctx, what, false);
  return children?.buffer ?? null;
}

/**
 * The Identity element: a Dns, Spn or Upn element with text becomes that identity; a KeyInfo with
 * an RSAKeyValue or an X509Data/X509Certificate becomes WS_RSA_ / WS_CERT_ENDPOINT_IDENTITY; anything
 * else is a WS_UNKNOWN_ENDPOINT_IDENTITY holding the Identity element whole.
 */
function readIdentity(ctx: ReadContext, what: string): WS_ENDPOINT_IDENTITY {
  const element = readElementBuffer(ctx);
  charge(ctx, IDENTITY_SIZE, what);
  let known: WS_ENDPOINT_IDENTITY | null = null;
  try {
    known = knownIdentity(ctx, element, what);
  } catch (thrown) {
    // Not of a known form after all (an element inside <Dns>, …): the identity stays unknown.
    if (!(thrown instanceof WsError) || thrown.hr !== WS_E_INVALID_FORMAT) throw thrown;
  }
  if (known !== null) return known;
  return plain({ identityType: WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE, element });
}

function knownIdentity(ctx: ReadContext, buffer: WS_XML_BUFFER, what: string): WS_ENDPOINT_IDENTITY | null {
  const inner: ReadContext = { fn: ctx.fn, target: readerOnBuffer(ctx.fn, buffer), heap: ctx.heap };
  nextTopElement(ctx.fn, inner.target);
  next(inner); // into the Identity element
  for (const named of NAMED_IDENTITIES) {
    if (elementHere(inner, named.name, IDENTITY_NS) === null) continue;
    const text = readTextElement(inner, `the <${decodeUtf8(named.name.bytes)}> of ${what}`);
    if (!atEnd(inner)) return null;
    charge(ctx, stringBytes(text), what);
    return plain({ identityType: named.type, [named.field]: text });
  }
  if (elementHere(inner, KEY_INFO, XMLDSIG_NS) === null) return null;
  next(inner);
  let identity: WS_ENDPOINT_IDENTITY | null = null;
  if (elementHere(inner, RSA_KEY_VALUE, XMLDSIG_NS) !== null) {
    next(inner);
    const modulus = base64Element(inner, MODULUS, what);
    const exponent = modulus === null ? null : base64Element(inner, EXPONENT, what);
    if (modulus === null || exponent === null || !atEnd(inner)) return null;
    next(inner);
    identity = plain({ identityType: WS_RSA_ENDPOINT_IDENTITY_TYPE, modulus, exponent });
  } else if (elementHere(inner, X509_DATA, XMLDSIG_NS) !== null) {
    next(inner);
    const rawCertificateData = base64Element(inner, X509_CERTIFICATE, what);
    if (rawCertificateData === null || !atEnd(inner)) return null;
    next(inner);
    identity = plain({ identityType: WS_CERT_ENDPOINT_IDENTITY_TYPE, rawCertificateData });
  }
  return identity !== null && atEnd(inner) ? identity : null;
}

/** The bytes of a base64 text element localName (xmldsig), or null when it is not next or not base64. */
function base64Element(ctx: ReadContext, localName: WS_XML_STRING, what: string): Uint8Array | null {
  if (elementHere(ctx, localName, XMLDSIG_NS) === null) return null;
  const text = readTextElement(ctx, what).replace(/[ \t\r\n]/g, "");
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const bytes = Uint8Array.from(Buffer.from(text, "base64"));
  charge(ctx, bytes.length, what);
  return bytes;
}

const plain = <T>(fields: Record<string, unknown>): T => Object.assign(Object.create(null), fields) as T;

// --- writing ------------------------------------------------------------------------------------

/**
 * Writes the endpoint reference into the element that is open: Address (the anonymous URI for a
 * zero-length url), for WS_ADDRESSING_VERSION_0_9 the ReferenceProperties that extensions begins
 * with, ReferenceParameters holding headers, the (other) extension elements, then Identity. That
 * is the order of the WS-Addressing schemas, extension elements last.
 */
export function writeEndpointAddress(out: SerialWriter, description: unknown, value: unknown, what: string): void {
  const fn = out.fn;
  const names = addressingOf(fn, description);
  const address = objectValue(fn, value, what);
  const url = stringField(fn, address.url, `${what}.url`);
  const headers = optionalBuffer(fn, address.headers, `${what}.headers`);
  const extensions = optionalBuffer(fn, address.extensions, `${what}.extensions`);
  const identity = address.identity ?? null;
  out.startElement(ADDRESS, names.ns);
  if (url === "") out.utf8(names.anonymous);
  else out.chars(url);
  out.endElement();
  // One pass over the extensions: for 0.9 a leading ReferenceProperties goes before ReferenceParameters.
  const scan = extensions === null ? null : readerOnBuffer(fn, extensions);
  let element = scan === null ? null : nextTopElement(fn, scan);
  const writer = out.writer as unknown as XmlWriterObject;
  if (element !== null && names === ADDRESSING[WS_ADDRESSING_VERSION_0_9] && isNamed(element, REFERENCE_PROPERTIES, names.ns)) {
    copyCurrent(fn, scan!, writer);
    element = nextTopElement(fn, scan!);
  }
  if (headers !== null) {
    out.startElement(REFERENCE_PARAMETERS, names.ns);
    out.xmlBuffer(headers);
    out.endElement();
  }
  for (; element !== null; element = nextTopElement(fn, scan!)) copyCurrent(fn, scan!, writer);
  if (identity !== null) writeIdentity(out, identity, `${what}.identity`);
}

const isNamed = (element: WS_XML_ELEMENT_NODE, localName: WS_XML_STRING, ns: WS_XML_STRING) =>
  xmlStringEquals(element.localName!, localName) && xmlStringEquals(element.ns!, ns);

function writeIdentity(out: SerialWriter, identity: unknown, path: string): void {
  const fn = out.fn;
  const value = objectValue(fn, identity, path) as unknown as WS_ENDPOINT_IDENTITY & Record<string, unknown>;
  const type = value.identityType;
  if (type === WS_UNKNOWN_ENDPOINT_IDENTITY_TYPE) {
    const element = optionalBuffer(fn, value.element, `${path}.element`);
    if (element === null) throw new WsError(E_INVALIDARG, `${fn}: ${path}.element must be a WS_XML_BUFFER holding the Identity element.`);
    out.xmlBuffer(element);
    return;
  }
  out.startElement(IDENTITY, IDENTITY_NS);
  const named = NAMED_IDENTITIES.find((n) => n.type === type);
  if (named !== undefined) {
    out.startElement(named.name, IDENTITY_NS);
    out.chars(stringField(fn, value[named.field], `${path}.${named.field}`));
    out.endElement();
  } else if (type === WS_RSA_ENDPOINT_IDENTITY_TYPE || type === WS_CERT_ENDPOINT_IDENTITY_TYPE) {
    out.startElement(KEY_INFO, XMLDSIG_NS);
    if (type === WS_RSA_ENDPOINT_IDENTITY_TYPE) {
      out.startElement(RSA_KEY_VALUE, XMLDSIG_NS);
      bytesElement(out, MODULUS, value.modulus, `${path}.modulus`);
      bytesElement(out, EXPONENT, value.exponent, `${path}.exponent`);
      out.endElement();
    } else {
      out.startElement(X509_DATA, XMLDSIG_NS);
      bytesElement(out, X509_CERTIFICATE, value.rawCertificateData, `${path}.rawCertificateData`);
      out.endElement();
    }
    out.endElement();
  } else {
    throw new WsError(E_INVALIDARG, `${fn}: ${path}.identityType ${describeValue(type)} is not a WS_ENDPOINT_IDENTITY_TYPE.`);
  }
  out.endElement();
}

function bytesElement(out: SerialWriter, localName: WS_XML_STRING, bytes: unknown, path: string): void {
  if (!(bytes instanceof Uint8Array))
    throw new WsError(E_INVALIDARG, `${out.fn}: ${path} must be a Uint8Array, not ${describeValue(bytes)}.`);
  out.startElement(localName, XMLDSIG_NS);
  out.bytes(bytes);
  out.endElement();
}
