import type { HRESULT, Ref, WS_ERROR, WS_XML_STRING } from "@wwsapi/core";
import { E_INVALIDARG, S_FALSE, S_OK, WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { describeValue, isObject, isUint32, WsError } from "@wwsapi/core/internal";
import { isNcName, trimXmlWhitespace } from "./xml-chars.js";
import { xmlStringEquals } from "./xml-string.js";

/**
 * The XML text utilities of the xml area: WsXmlStringEquals, WsVerifyXmlNCName, WsTrimXmlWhitespace.
 * The generated flat API has checked the parameters' own types; the fields of a WS_XML_STRING are
 * checked here.
 */

/** E_INVALIDARG unless `string` has the WS_XML_STRING fields the comparison reads. */
function checkXmlString(functionName: string, param: string, string: WS_XML_STRING): void {
  const { bytes, dictionary, id } = string;
  if (!(bytes instanceof Uint8Array)) {
    throw new WsError(E_INVALIDARG, `${functionName}: parameter '${param}.bytes' must be a Uint8Array, not ${describeValue(bytes)}.`);
  }
  if (dictionary === null) return; // "If the dictionary is NULL, then this value [id] is unused."
  if (!isObject(dictionary)) {
    throw new WsError(
      E_INVALIDARG,
      `${functionName}: parameter '${param}.dictionary' must be a WS_XML_DICTIONARY or null, not ${describeValue(dictionary)}.`,
    );
  }
  if (!isUint32(id)) {
    throw new WsError(
      E_INVALIDARG,
      `${functionName}: parameter '${param}.id' must be an integer from 0 to 4294967295, not ${describeValue(id)}.`,
    );
  }
}

/** S_OK when the strings are equal, S_FALSE when they are not. */
export function WsXmlStringEquals(string1: WS_XML_STRING, string2: WS_XML_STRING, _error: WS_ERROR | null): HRESULT {
  checkXmlString("WsXmlStringEquals", "string1", string1);
  checkXmlString("WsXmlStringEquals", "string2", string2);
  return xmlStringEquals(string1, string2) ? S_OK : S_FALSE;
}

/** S_OK when `ncNameChars` is an NCName (Namespaces in XML 1.0), else WS_E_INVALID_FORMAT. */
export function WsVerifyXmlNCName(ncNameChars: string, _error: WS_ERROR | null): HRESULT {
  const bad = isNcName(ncNameChars);
  if (bad < 0) return S_OK;
  throw new WsError(WS_E_INVALID_FORMAT, `WsVerifyXmlNCName: ${whyNotNcName(ncNameChars, bad)}`);
}

/** Sets `trimmedChars` to `chars` without leading and trailing #x20, #x9, #xD and #xA. */
export function WsTrimXmlWhitespace(chars: string, trimmedChars: Ref<string | null>, _error: WS_ERROR | null): HRESULT {
  trimmedChars.value = trimXmlWhitespace(chars);
  return S_OK;
}

/** Why `name` is not an NCName, given the index isNcName reported. */
function whyNotNcName(name: string, index: number): string {
  if (name.length === 0) return "the empty string is not a valid NCName; an NCName has at least one character.";
  const subject = `${describeValue(name)} is not a valid NCName`;
  const unit = name.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdfff) {
    const low = name.charCodeAt(index + 1);
    if (unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
      return `${subject}: the character ${describeChar(codePoint)} at index ${index} is outside the name characters' [#x10000-#xEFFFF].`;
    }
    return `${subject}: the unpaired surrogate ${hex(unit)} at index ${index} is not a character.`;
  }
  if (unit === 0x3a) return `${subject}: an NCName cannot contain ':' (found at index ${index}).`;
  if (index === 0) return `${subject}: the character ${describeChar(unit)} at index 0 cannot start a name.`;
  return `${subject}: the character ${describeChar(unit)} at index ${index} is not a name character.`;
}

/** `'x' (U+0078)`, or just `U+0009` for a control character. */
function describeChar(codePoint: number): string {
  const control = codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
  return control ? hex(codePoint) : `'${String.fromCodePoint(codePoint)}' (${hex(codePoint)})`;
}

function hex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}
