/** The URL functions of WWSAPI (WsDecodeUrl, WsEncodeUrl, WsCombineUrl) and their types. */
export { combineUrl } from "./combine-url.js";
export { decodeUrl } from "./decode-url.js";
export { encodeUrl } from "./encode-url.js";
export {
  WS_URL_FLAGS_ALLOW_HOST_WILDCARDS,
  WS_URL_FLAGS_NO_PATH_COLLAPSE,
  WS_URL_FLAGS_ZERO_TERMINATE,
  WS_URL_HTTP_SCHEME_TYPE,
  WS_URL_HTTPS_SCHEME_TYPE,
  WS_URL_NETPIPE_SCHEME_TYPE,
  WS_URL_NETTCP_SCHEME_TYPE,
  WS_URL_SOAPUDP_SCHEME_TYPE,
  type WsUrlParts,
} from "./url-types.js";
