/**
 * Windows types that webservices.h uses but does not declare, and the binding helpers of
 * spec/README.md. Hand-written; everything else in the API's vocabulary is generated (src/gen).
 */
import type { WS_HTTP_URL, WS_HTTPS_URL, WS_NETPIPE_URL, WS_NETTCP_URL, WS_SOAPUDP_URL } from "../gen/structs.js";

/** An HRESULT: a signed 32-bit number; negative means failure (FAILED() in C). */
export type HRESULT = number;

/** An out parameter: the callee sets `value` (`T* x` / `T** x` written by the callee in C). */
export interface Ref<T> {
  value: T;
}

/** Makes an out parameter, e.g. `const heap = ref<WS_HEAP | null>(null)`. */
export function ref<T>(value: T): Ref<T> {
  return { value };
}

/** A GUID as its 16 bytes in Windows memory order (Data1..3 little-endian, Data4 as is). */
export type GUID = Uint8Array;

/** The Windows DECIMAL: a 96-bit unsigned integer, a sign and a power-of-ten scale (0-28). */
export interface DECIMAL {
  scale: number;
  /** 0 for positive, 0x80 for negative, as in the C struct. */
  sign: number;
  Hi32: number;
  Lo64: bigint;
}

/** FILETIME: 100-nanosecond intervals since 1601-01-01 UTC, split into two 32-bit halves. */
export interface FILETIME {
  dwLowDateTime: number;
  dwHighDateTime: number;
}

/** Opaque platform handles and certificates; the security package gives them meaning. */
export type HCRYPTPROV = unknown;
export type NCRYPT_KEY_HANDLE = unknown;
export type CERT_CONTEXT = unknown;
export type SecPkgContext_IssuerListInfoEx = unknown;

/**
 * What WsDecodeUrl returns and WsEncodeUrl takes. In C a `WS_URL*` points at one of these
 * scheme-specific structs; `url.scheme` says which.
 */
export type WS_ANY_URL = WS_HTTP_URL | WS_HTTPS_URL | WS_NETTCP_URL | WS_SOAPUDP_URL | WS_NETPIPE_URL;
