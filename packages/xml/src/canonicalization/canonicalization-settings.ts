import {
  E_INVALIDARG,
  WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM,
  WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM,
  WS_INCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM,
  type WS_XML_CANONICALIZATION_ALGORITHM,
  WS_XML_CANONICALIZATION_ALGORITHM_VALUES,
  type WS_XML_CANONICALIZATION_PROPERTY,
  WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM,
  WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES,
  WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT,
  WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE,
} from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";
import { isNcName } from "../text-utils/xml-chars.js";

/** What WS_XML_CANONICALIZATION_PROPERTYs ask for, with WWSAPI's defaults for what they leave out. */
export interface CanonicalizationSettings {
  algorithm: WS_XML_CANONICALIZATION_ALGORITHM;
  /** Exclusive XML Canonicalization (RFC 3741) rather than Canonical XML 1.0. */
  exclusive: boolean;
  withComments: boolean;
  /** WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES; "" is the default namespace. */
  inclusivePrefixes: readonly string[];
  /** WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT, or null. */
  omittedElement: { localName: string; ns: string } | null;
  outputBufferSize: number;
}

/** WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE: "If this is not specified, the default buffer size of 1024 is used." */
const DEFAULT_OUTPUT_BUFFER_SIZE = 1024;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The settings `properties` describe (WsStartReaderCanonicalization, WsStartWriterCanonicalization).
 * An unknown id or a value of the wrong shape is E_INVALIDARG; a later property with the same id
 * replaces an earlier one, as for the reader's and writer's own properties. "If
 * [WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM] is not specified, the
 * WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM is used"; inclusive prefixes apply "when using the
 * exclusive canonicalization algorithm" and are ignored by the inclusive ones.
 */
export function canonicalizationSettings(
  fn: string,
  properties: readonly WS_XML_CANONICALIZATION_PROPERTY[] | null,
): CanonicalizationSettings {
  let algorithm: WS_XML_CANONICALIZATION_ALGORITHM = WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM;
  let inclusivePrefixes: readonly string[] = [];
  let omittedElement: CanonicalizationSettings["omittedElement"] = null;
  let outputBufferSize = DEFAULT_OUTPUT_BUFFER_SIZE;
  const list = properties ?? [];
  for (let i = 0; i < list.length; i++) {
    const property = list[i];
    if (!isObject(property)) {
      throw invalid(fn, `properties[${i}] must be a WS_XML_CANONICALIZATION_PROPERTY, not ${describeValue(property)}.`);
    }
    const { id, value } = property as WS_XML_CANONICALIZATION_PROPERTY;
    switch (id) {
      case WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM:
        if (typeof value !== "number" || !WS_XML_CANONICALIZATION_ALGORITHM_VALUES.has(value)) {
          throw invalid(
            fn,
            `WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM must be a WS_XML_CANONICALIZATION_ALGORITHM (0 to 3), not ${describeValue(value)}.`,
          );
        }
        algorithm = value as WS_XML_CANONICALIZATION_ALGORITHM;
        break;
      case WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES:
        inclusivePrefixes = prefixList(fn, value);
        break;
      case WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT:
        omittedElement = qualifiedName(fn, value);
        break;
      case WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE:
        // A buffer of no bytes could never hold one; the docs give no meaning to 0.
        if (typeof value !== "number" || value >>> 0 !== value || value === 0) {
          throw invalid(
            fn,
            `WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE must be a ULONG greater than 0, not ${describeValue(value)}.`,
          );
        }
        outputBufferSize = value;
        break;
      default:
        throw invalid(fn, `properties[${i}].id is ${describeValue(id)}, not a WS_XML_CANONICALIZATION_PROPERTY_ID.`);
    }
  }
  const exclusive =
    algorithm === WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM || algorithm === WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM;
  return {
    algorithm,
    exclusive,
    withComments:
      algorithm === WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM ||
      algorithm === WS_INCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM,
    inclusivePrefixes: exclusive ? inclusivePrefixes : [],
    omittedElement,
    outputBufferSize,
  };
}

function invalid(fn: string, what: string): WsError {
  return new WsError(E_INVALIDARG, `${fn}: ${what}`);
}

/**
 * WS_XML_CANONICALIZATION_INCLUSIVE_PREFIXES { prefixCount, prefixes }: in C `prefixes` points to
 * `prefixCount` WS_XML_STRINGs. The generated binding types the field as one WS_XML_STRING, so both
 * an array of `prefixCount` strings and, for a count of 1, the string itself are accepted. Each
 * prefix is an NCName, or empty for the default namespace (exc-c14n's "#default").
 */
function prefixList(fn: string, value: unknown): string[] {
  const what = "WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES";
  if (!isObject(value)) throw invalid(fn, `${what} must be a WS_XML_CANONICALIZATION_INCLUSIVE_PREFIXES, not ${describeValue(value)}.`);
  const { prefixCount, prefixes } = value as { prefixCount?: unknown; prefixes?: unknown };
  if (typeof prefixCount !== "number" || prefixCount >>> 0 !== prefixCount) {
    throw invalid(fn, `${what}: prefixCount must be a ULONG, not ${describeValue(prefixCount)}.`);
  }
  if (prefixCount === 0) return [];
  const strings = Array.isArray(prefixes) ? prefixes : prefixCount === 1 && isObject(prefixes) ? [prefixes] : null;
  if (strings === null || strings.length < prefixCount) {
    throw invalid(fn, `${what}: prefixes must hold prefixCount (${prefixCount}) WS_XML_STRINGs, not ${describeValue(prefixes)}.`);
  }
  const list: string[] = [];
  for (let i = 0; i < prefixCount; i++) {
    const prefix = name(fn, `${what}: prefixes[${i}]`, strings[i]);
    if (prefix !== "" && isNcName(prefix) !== -1) throw invalid(fn, `${what}: prefixes[${i}] ${JSON.stringify(prefix)} is not an NCName.`);
    if (!list.includes(prefix)) list.push(prefix);
  }
  return list;
}

/** WS_XML_QNAME { localName, ns }: the element to leave out, with its subtree. */
function qualifiedName(fn: string, value: unknown): { localName: string; ns: string } {
  const what = "WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT";
  if (!isObject(value)) throw invalid(fn, `${what} must be a WS_XML_QNAME, not ${describeValue(value)}.`);
  const { localName, ns } = value as { localName?: unknown; ns?: unknown };
  const local = name(fn, `${what}: localName`, localName);
  if (isNcName(local) !== -1) throw invalid(fn, `${what}: localName ${JSON.stringify(local)} is not an NCName.`);
  return { localName: local, ns: name(fn, `${what}: ns`, ns) };
}

/** The text of a WS_XML_STRING, which must hold well-formed UTF-8. */
function name(fn: string, what: string, value: unknown): string {
  const bytes = isObject(value) ? (value as { bytes?: unknown }).bytes : undefined;
  if (!(bytes instanceof Uint8Array))
    throw invalid(fn, `${what} must be a WS_XML_STRING (with Uint8Array bytes), not ${describeValue(value)}.`);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw invalid(fn, `${what} is not well-formed UTF-8.`);
  }
}
