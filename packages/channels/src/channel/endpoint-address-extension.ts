import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_TYPE_MAPPING,
  type WS_ENDPOINT_ADDRESS,
  WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS,
  type WS_ENDPOINT_ADDRESS_EXTENSION_TYPE,
  WS_ENDPOINT_ADDRESS_TYPE,
  type WS_ERROR,
  type WS_HEAP,
  type WS_READ_OPTION,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  type WS_XML_NODE_POSITION,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
} from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";

/** WS-MetadataExchange (2004/09): the MetadataReference element holds an endpoint reference to the metadata. */
const MEX_NS = "http://schemas.xmlsoap.org/ws/2004/09/mex";
const WSA10_NS = "http://www.w3.org/2005/08/addressing";
const WSA09_NS = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

const READ_OPTIONS = new Set<number>([WS_READ_REQUIRED_VALUE, WS_READ_REQUIRED_POINTER, WS_READ_OPTIONAL_POINTER]);

const decoder = new TextDecoder();

function currentNode(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  xml.WsGetReaderNode(reader, node, null);
  return node.value!;
}

function elementName(node: WS_XML_NODE): { localName: string; ns: string } | null {
  if (node.nodeType !== WS_XML_NODE_TYPE_ELEMENT) return null;
  const element = node as WS_XML_ELEMENT_NODE;
  return { localName: decoder.decode(element.localName!.bytes), ns: decoder.decode(element.ns!.bytes) };
}

/**
 * Moves the reader to the first MetadataReference (WS-MetadataExchange) inside a Metadata element
 * (WS-Addressing 1.0's wsa:Metadata, or mex:Metadata directly), walking the nodes of the extensions
 * in document order. The walk ends at the end of the buffer, so it is bounded by its size.
 */
function findMetadataReference(reader: WS_XML_READER): boolean {
  let depth = 0;
  let metadataDepth = -1;
  for (;;) {
    const node = currentNode(reader);
    if (node.nodeType === WS_XML_NODE_TYPE_EOF) return false;
    const name = elementName(node);
    if (name !== null) {
      if (metadataDepth >= 0 && name.localName === "MetadataReference" && name.ns === MEX_NS) return true;
      if (metadataDepth < 0 && name.localName === "Metadata" && (name.ns === WSA10_NS || name.ns === MEX_NS)) metadataDepth = depth;
      depth++;
    } else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) {
      depth--;
      if (depth <= metadataDepth) metadataDepth = -1;
    }
    xml.WsReadNode(reader, null);
  }
}

/** The WS-Addressing version of the endpoint reference the reader is on: its Address child's namespace. */
function addressingVersionHere(reader: WS_XML_READER): number {
  const position = ref<WS_XML_NODE_POSITION>(null as never);
  xml.WsGetReaderPosition(reader, position, null);
  xml.WsReadNode(reader, null);
  xml.WsReadToStartElement(reader, null, null, null, null);
  const name = elementName(currentNode(reader));
  xml.WsSetReaderPosition(reader, position.value, null);
  return name?.ns === WSA09_NS ? WS_ADDRESSING_VERSION_0_9 : WS_ADDRESSING_VERSION_1_0;
}

/**
 * WsReadEndpointAddressExtension: "Reads an extension of the WS_ENDPOINT_ADDRESS"; "The function
 * will automatically set the input of the reader as necessary to read the extensions." The one
 * extension type, WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS, is "the address that metadata can
 * be downloaded from the endpoint", a WS_ENDPOINT_ADDRESS: the endpoint reference inside
 * Metadata/MetadataSection/MetadataReference (WS-Addressing 1.0 §2.2 Metadata, WS-MetadataExchange).
 * readOption "must have one of" WS_READ_REQUIRED_VALUE, WS_READ_REQUIRED_POINTER or
 * WS_READ_OPTIONAL_POINTER; a missing extension is null with WS_READ_OPTIONAL_POINTER and
 * WS_E_INVALID_FORMAT otherwise.
 */
export function WsReadEndpointAddressExtension(
  reader: WS_XML_READER,
  endpointAddress: WS_ENDPOINT_ADDRESS,
  extensionType: WS_ENDPOINT_ADDRESS_EXTENSION_TYPE,
  readOption: WS_READ_OPTION,
  heap: WS_HEAP,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadEndpointAddressExtension";
  if (!isObject(endpointAddress))
    throw new WsError(E_INVALIDARG, `${fn}: endpointAddress must be a WS_ENDPOINT_ADDRESS, not ${describeValue(endpointAddress)}.`);
  if (extensionType !== WS_ENDPOINT_ADDRESS_EXTENSION_METADATA_ADDRESS) {
    throw new WsError(E_INVALIDARG, `${fn}: extensionType ${extensionType} is not a WS_ENDPOINT_ADDRESS_EXTENSION_TYPE.`);
  }
  if (!READ_OPTIONS.has(readOption)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: readOption must be WS_READ_REQUIRED_VALUE, WS_READ_REQUIRED_POINTER or WS_READ_OPTIONAL_POINTER, not ${readOption}.`,
    );
  }
  const extensions = endpointAddress.extensions;
  let found = false;
  if (extensions !== null) {
    xml.WsSetInputToBuffer(reader, extensions, null, null);
    found = findMetadataReference(reader);
  }
  if (!found) {
    if (readOption === WS_READ_OPTIONAL_POINTER) {
      value.value = null;
      return S_OK;
    }
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: the endpoint address has no metadata address extension (Metadata/MetadataSection/MetadataReference).`,
    );
  }
  const description = { addressingVersion: addressingVersionHere(reader) };
  xml.WsReadType(reader, WS_ELEMENT_TYPE_MAPPING, WS_ENDPOINT_ADDRESS_TYPE, description, readOption, heap, value, null);
  return S_OK;
}
