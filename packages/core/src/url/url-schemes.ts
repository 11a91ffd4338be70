/**
 * The five schemes WWSAPI knows (WS_URL_SCHEME_TYPE) with their names and default ports.
 *
 * Default ports: http 80, https 443, net.tcp 808. The WsDecodeUrl page says that soap.udp's default
 * is 0xFFFFFFFF, but the port field is a USHORT, so the value callers actually see is 0xFFFF (65535);
 * net.pipe has no meaningful port and gets the same 65535 (Wine's conformance tests, run on Windows,
 * expect 65535 for both).
 */
import {
  WS_URL_HTTP_SCHEME_TYPE,
  WS_URL_HTTPS_SCHEME_TYPE,
  WS_URL_NETPIPE_SCHEME_TYPE,
  WS_URL_NETTCP_SCHEME_TYPE,
  WS_URL_SOAPUDP_SCHEME_TYPE,
} from "./url-types.js";

export interface UrlScheme {
  readonly type: number;
  /** The canonical (lower-case) name, as WsEncodeUrl writes it. */
  readonly name: string;
  readonly defaultPort: number;
}

/** The "no port given" value for soap.udp and net.pipe: 0xFFFFFFFF truncated to a USHORT. */
const NO_DEFAULT_PORT = 0xffff;

const SCHEMES: readonly UrlScheme[] = [
  { type: WS_URL_HTTP_SCHEME_TYPE, name: "http", defaultPort: 80 },
  { type: WS_URL_HTTPS_SCHEME_TYPE, name: "https", defaultPort: 443 },
  { type: WS_URL_NETTCP_SCHEME_TYPE, name: "net.tcp", defaultPort: 808 },
  { type: WS_URL_SOAPUDP_SCHEME_TYPE, name: "soap.udp", defaultPort: NO_DEFAULT_PORT },
  { type: WS_URL_NETPIPE_SCHEME_TYPE, name: "net.pipe", defaultPort: NO_DEFAULT_PORT },
];

/** For error messages: the names a URL may start with. */
export const SCHEME_NAMES: string = SCHEMES.map((s) => s.name).join(", ");

/** Scheme names compare case-insensitively (RFC 3986 §3.1), so "HTTP:" is http. */
export function schemeByName(name: string): UrlScheme | undefined {
  const lower = name.toLowerCase();
  return SCHEMES.find((s) => s.name === lower);
}

export function schemeByType(type: number): UrlScheme | undefined {
  return SCHEMES.find((s) => s.type === type);
}
