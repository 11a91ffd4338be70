import { type WS_FIELD_DESCRIPTION, WS_STRUCT_ABSTRACT, type WS_STRUCT_DESCRIPTION, WS_TYPE_ATTRIBUTE_FIELD_MAPPING } from "@wwsapi/core";
import { bytesEqual } from "../text-utils/xml-string.js";

/**
 * Struct inheritance (WS_STRUCT_DESCRIPTION typeLocalName, typeNs, parentType, subTypes). "When one
 * structure derives from (extends) another, the fields for both structures must be included in the
 * derived struct description", so a derived type is read and written with its own description
 * alone. Which type a value has is told by its WS_TYPE_ATTRIBUTE_FIELD_MAPPING field ("The field
 * corresponds to the XML type attribute (xsi:type)"), of WS_DESCRIPTION_TYPE: in wwsapi-ts its
 * property holds the WS_STRUCT_DESCRIPTION object itself, as C's field holds its pointer.
 */

/** Bound on the depth of a type hierarchy walked, so that a cyclic description cannot loop. */
const MAX_DEPTH = 64;

/** The WS_TYPE_ATTRIBUTE_FIELD_MAPPING field of a struct, if it has one. */
export const typeAttributeField = (fields: readonly WS_FIELD_DESCRIPTION[]): WS_FIELD_DESCRIPTION | undefined =>
  fields.find((field) => field.mapping === WS_TYPE_ATTRIBUTE_FIELD_MAPPING);

/** WS_STRUCT_ABSTRACT: "the type is an abstract type that cannot be serialized or deserialized". */
export const isAbstract = (description: WS_STRUCT_DESCRIPTION) => ((description.structOptions ?? 0) & WS_STRUCT_ABSTRACT) !== 0;

export const hasSubTypes = (description: WS_STRUCT_DESCRIPTION) => Array.isArray(description.subTypes) && description.subTypes.length > 0;

/** Whether `candidate` is `base` or one of its subTypes, at any depth. */
export function isSameOrDerived(candidate: WS_STRUCT_DESCRIPTION, base: WS_STRUCT_DESCRIPTION): boolean {
  return findType(base, (d) => d === candidate) !== undefined;
}

/** The type among `base` and its subTypes (at any depth) whose XML type name is localName in ns. */
export function typeNamed(base: WS_STRUCT_DESCRIPTION, localName: Uint8Array, ns: Uint8Array): WS_STRUCT_DESCRIPTION | undefined {
  return findType(
    base,
    (d) =>
      d.typeLocalName !== null &&
      d.typeLocalName !== undefined &&
      d.typeNs !== null &&
      d.typeNs !== undefined &&
      bytesEqual(d.typeLocalName.bytes, localName) &&
      bytesEqual(d.typeNs.bytes, ns),
  );
}

function findType(
  base: WS_STRUCT_DESCRIPTION,
  test: (d: WS_STRUCT_DESCRIPTION) => boolean,
  depth = 0,
  seen = new Set<WS_STRUCT_DESCRIPTION>(),
): WS_STRUCT_DESCRIPTION | undefined {
  if (seen.has(base) || depth > MAX_DEPTH) return undefined;
  seen.add(base);
  if (test(base)) return base;
  if (!Array.isArray(base.subTypes)) return undefined;
  for (const sub of base.subTypes) {
    if (typeof sub !== "object" || sub === null) continue;
    const found = findType(sub, test, depth + 1, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}
