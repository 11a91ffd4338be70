import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ENCODING,
  WS_ENCODING_XML_BINARY_1,
  WS_ENCODING_XML_BINARY_SESSION_1,
  type WS_ERROR,
  type WS_XML_DICTIONARY,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { STATIC_XML_DICTIONARY } from "./static-dictionary-object.js";

/**
 * WsGetDictionary: the static dictionary of the binary encodings, null for every other encoding
 * (S_OK both ways). A null `dictionary` is E_INVALIDARG. The documentation says only "Retrieves an
 * XML Dictionary object"; Wine's conformance tests record the rest on Windows: BINARY_1 and
 * BINARY_SESSION_1 give a dictionary, WS_ENCODING_XML_UTF8 gives NULL with S_OK, and a NULL
 * out-pointer fails with E_INVALIDARG whatever the encoding.
 */
export function WsGetDictionary(encoding: WS_ENCODING, dictionary: Ref<WS_XML_DICTIONARY | null> | null, _error: WS_ERROR | null): HRESULT {
  if (dictionary === null) throw new WsError(E_INVALIDARG, "WsGetDictionary: dictionary must not be null.");
  const isBinary = encoding === WS_ENCODING_XML_BINARY_1 || encoding === WS_ENCODING_XML_BINARY_SESSION_1;
  dictionary.value = isBinary ? STATIC_XML_DICTIONARY : null;
  return S_OK;
}
