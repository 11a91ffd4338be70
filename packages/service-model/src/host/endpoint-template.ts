import {
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_BINDING_TEMPLATE_TYPE,
  type WS_CHANNEL_TYPE,
  type WS_ERROR,
  type WS_HEAP,
  type WS_SERVICE_CONTRACT,
  type WS_SERVICE_ENDPOINT,
  type WS_SERVICE_ENDPOINT_PROPERTY,
  type WS_SERVICE_SECURITY_CALLBACK,
} from "@wwsapi/core";
import { chargeHeap, describeValue, isObject, stringBytes, WsError } from "@wwsapi/core/internal";
import { templateBinding, templateChannelProperties } from "../proxy/index.js";

/** sizeof(WS_SERVICE_ENDPOINT) on 64-bit Windows, what the endpoint costs on the caller's heap besides its URL. */
const ENDPOINT_SIZE = 96;

/**
 * WsCreateServiceEndpointFromTemplate: a WS_SERVICE_ENDPOINT "allocated on the heap" for WS_HTTP_BINDING_TEMPLATE_TYPE
 * or WS_TCP_BINDING_TEMPLATE_TYPE (the template value's channelProperties become the endpoint's);
 * the templates with security are E_NOTIMPL, as is an authorizationCallback.
 */
export function WsCreateServiceEndpointFromTemplate(
  channelType: WS_CHANNEL_TYPE,
  properties: readonly WS_SERVICE_ENDPOINT_PROPERTY[] | null,
  addressUrl: string | null,
  contract: WS_SERVICE_CONTRACT,
  authorizationCallback: WS_SERVICE_SECURITY_CALLBACK | null,
  heap: WS_HEAP,
  templateType: WS_BINDING_TEMPLATE_TYPE,
  templateValue: unknown,
  _templateDescription: unknown,
  serviceEndpoint: Ref<WS_SERVICE_ENDPOINT | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsCreateServiceEndpointFromTemplate";
  const binding = templateBinding(fn, templateType);
  if (typeof addressUrl !== "string" || addressUrl === "")
    throw new WsError(E_INVALIDARG, `${fn}: addressUrl must be a URL, not ${describeValue(addressUrl)}.`);
  if (!isObject(contract))
    throw new WsError(E_INVALIDARG, `${fn}: contract must be a WS_SERVICE_CONTRACT, not ${describeValue(contract)}.`);
  if (authorizationCallback !== null)
    throw new WsError(E_NOTIMPL, `${fn}: authorizationCallback needs channel security, which is not implemented yet.`);
  const channelProperties = templateChannelProperties(fn, templateValue);
  chargeHeap(fn, heap, ENDPOINT_SIZE + stringBytes(addressUrl), "the WS_SERVICE_ENDPOINT");
  serviceEndpoint.value = {
    address: { url: addressUrl, headers: null, extensions: null, identity: null },
    channelBinding: binding,
    channelType,
    securityDescription: null,
    contract,
    authorizationCallback: null,
    properties: [...(properties ?? [])],
    channelProperties: { properties: [...(channelProperties ?? [])] },
  };
  return S_OK;
}
