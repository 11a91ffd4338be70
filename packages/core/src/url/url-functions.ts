import type { WS_ERROR, WS_HEAP } from "../gen/handles.js";
import { S_OK } from "../gen/hresults.js";
import { chargeHeap, stringBytes } from "../heap/heap-accounting.js";
import type { HRESULT, Ref, WS_ANY_URL } from "../types/native.js";
import { combineUrl } from "./combine-url.js";
import { decodeUrl } from "./decode-url.js";
import { encodeUrl } from "./encode-url.js";

/**
 * The URL functions of the flat API: the pure codecs of this folder, with their results charged
 * to the caller's heap as WWSAPI allocates them there.
 */

/** The bytes a native WS_*_URL struct takes (scheme, three WS_STRINGs of pointer+length, port ...). */
const URL_STRUCT_BYTES = 96;

export function WsDecodeUrl(url: string, flags: number, heap: WS_HEAP, outUrl: Ref<WS_ANY_URL | null>, _error: WS_ERROR | null): HRESULT {
  const decoded = decodeUrl(url, flags);
  const stringsSize = [decoded.host, decoded.portAsString, decoded.path, decoded.query, decoded.fragment].reduce(
    (n, s) => n + stringBytes(s),
    0,
  );
  chargeHeap("WsDecodeUrl", heap, URL_STRUCT_BYTES + stringsSize, "the decoded URL");
  // The WS_*_URL binding: the WS_URL fields at the top, and `url` the object itself (spec/README.md).
  const result = { ...decoded, scheme: decoded.url.scheme } as WS_ANY_URL;
  result.url = result;
  outUrl.value = result;
  return S_OK;
}

export function WsEncodeUrl(url: WS_ANY_URL, flags: number, heap: WS_HEAP, outUrl: Ref<string>, _error: WS_ERROR | null): HRESULT {
  // `scheme` is at the top of a WS_*_URL; a URL built the C way may carry it in `url` only.
  const scheme = (url as { scheme?: number }).scheme ?? url.url?.scheme;
  const encoded = encodeUrl({ ...url, url: { scheme: scheme as number } }, flags);
  chargeHeap("WsEncodeUrl", heap, stringBytes(encoded), "the encoded URL");
  outUrl.value = encoded;
  return S_OK;
}

export function WsCombineUrl(
  baseUrl: string,
  referenceUrl: string,
  flags: number,
  heap: WS_HEAP,
  resultUrl: Ref<string>,
  _error: WS_ERROR | null,
): HRESULT {
  const combined = combineUrl(baseUrl, referenceUrl, flags);
  chargeHeap("WsCombineUrl", heap, stringBytes(combined), "the combined URL");
  resultUrl.value = combined;
  return S_OK;
}
