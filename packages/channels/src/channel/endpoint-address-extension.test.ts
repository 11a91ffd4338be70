import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  type WS_ENDPOINT_ADDRESS,
  WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS,
  WS_READ_NILLABLE_POINTER,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  type WS_XML_BUFFER,
  type WS_XML_READER,
} from "@wwsapi/core";
import { WsCreateReader, WsReadXmlBufferFromBytes } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import { WsReadEndpointAddressExtension } from "../index.js";
import { newHeap } from "./channel.test-support.js";

function reader(): WS_XML_READER {
  const r = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, r)).toBe(S_OK);
  return r.value!;
}

function buffer(xml: string): WS_XML_BUFFER {
  const b = ref<WS_XML_BUFFER | null>(null);
  expect(WsReadXmlBufferFromBytes(reader(), null, null, new TextEncoder().encode(xml), newHeap(), b)).toBe(S_OK);
  return b.value!;
}

const WSA10 = "http://www.w3.org/2005/08/addressing";
const MEX = "http://schemas.xmlsoap.org/ws/2004/09/mex";

/** The Metadata extension as WCF publishes it in an endpoint reference of a WSDL port. */
const METADATA = `<Metadata xmlns="${WSA10}"><wsx:Metadata xmlns:wsx="${MEX}"><wsx:MetadataSection><wsx:MetadataReference><Address xmlns="${WSA10}">http://host/svc/mex</Address></wsx:MetadataReference></wsx:MetadataSection></wsx:Metadata></Metadata>`;

const epr = (extensions: WS_XML_BUFFER | null): WS_ENDPOINT_ADDRESS => ({
  url: "http://host/svc",
  headers: null,
  extensions,
  identity: null,
});

describe("WsReadEndpointAddressExtension", () => {
  it("reads the metadata address from Metadata/MetadataSection/MetadataReference", () => {
    const value = ref<unknown>(null);
    expect(
      WsReadEndpointAddressExtension(
        reader(),
        epr(buffer(METADATA)),
        WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS,
        WS_READ_REQUIRED_POINTER,
        newHeap(),
        value,
      ),
    ).toBe(S_OK);
    expect((value.value as WS_ENDPOINT_ADDRESS).url).toBe("http://host/svc/mex");
  });

  it("gives null for a missing extension with WS_READ_OPTIONAL_POINTER and WS_E_INVALID_FORMAT otherwise", () => {
    const value = ref<unknown>("untouched");
    const other = buffer(`<PortType xmlns="urn:x">p</PortType>`);
    expect(
      WsReadEndpointAddressExtension(
        reader(),
        epr(other),
        WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS,
        WS_READ_OPTIONAL_POINTER,
        newHeap(),
        value,
      ),
    ).toBe(S_OK);
    expect(value.value).toBeNull();
    expect(
      WsReadEndpointAddressExtension(
        reader(),
        epr(null),
        WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS,
        WS_READ_REQUIRED_VALUE,
        newHeap(),
        value,
      ),
    ).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses other extension types and read options", () => {
    const value = ref<unknown>(null);
    expect(WsReadEndpointAddressExtension(reader(), epr(null), 2 as never, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(E_INVALIDARG);
    expect(
      WsReadEndpointAddressExtension(
        reader(),
        epr(null),
        WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS,
        WS_READ_NILLABLE_POINTER,
        newHeap(),
        value,
      ),
    ).toBe(E_INVALIDARG);
  });
});
