import {
  E_INVALIDARG,
  WS_ANY_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  type WS_FIELD_DESCRIPTION,
  type WS_UNION_DESCRIPTION,
  type WS_UNION_FIELD_DESCRIPTION,
  WS_UNION_TYPE,
  type WS_XML_NODE,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { requiredName } from "./field-binding.js";
import { asElement, isElementNamed } from "./read-context.js";

/**
 * WS_UNION_TYPE and its WS_UNION_DESCRIPTION. A union value is, in wwsapi-ts, an object (without
 * prototype when the library makes it) holding the selector in the property named by `enumOffset`
 * ("The offset of the enumeration field which controls which choice is selected") and the chosen
 * arm's value in the property named by that arm's field `offset`, as a WS_FIELD_DESCRIPTION's
 * offset names its property (spec/README.md, "Offsets"). Arms may share a property, as C's union
 * members share an offset.
 *
 * Each arm is a WS_UNION_FIELD_DESCRIPTION: "value: The enumeration value that field of the union
 * corresponds to"; its field is an element (WS_ELEMENT_FIELD_MAPPING) or, as the last arm, any
 * element (WS_ANY_ELEMENT_FIELD_MAPPING: "Fields using WS_ANY_ELEMENT_FIELD_MAPPING, if present,
 * should always be the last field in the fields array"). valueIndices only speeds up Windows'
 * lookups ("This array may be NULL, in which case an O(n) lookup is used"); it is not needed here.
 */

export interface UnionArm {
  readonly value: number;
  readonly field: WS_FIELD_DESCRIPTION;
  readonly index: number;
}

/** The union description, checked (E_INVALIDARG), with its arms. */
export function unionDescription(fn: string, description: unknown): { union: WS_UNION_DESCRIPTION; arms: readonly UnionArm[] } {
  if (typeof description !== "object" || description === null) {
    throw new WsError(E_INVALIDARG, `${fn}: WS_UNION_TYPE needs a WS_UNION_DESCRIPTION, not ${describeValue(description)}.`);
  }
  const union = description as WS_UNION_DESCRIPTION;
  const enumOffset: unknown = union.enumOffset;
  if (typeof enumOffset !== "string" || enumOffset.length === 0) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: a WS_UNION_DESCRIPTION's enumOffset is ${describeValue(enumOffset)}; in wwsapi-ts it is the name of the property that holds the selector (a non-empty string).`,
    );
  }
  if (typeof union.noneEnumValue !== "number") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: a WS_UNION_DESCRIPTION's noneEnumValue must be a number, not ${describeValue(union.noneEnumValue)}.`,
    );
  }
  const fields: unknown = union.fields;
  if (!Array.isArray(fields)) {
    throw new WsError(E_INVALIDARG, `${fn}: a WS_UNION_DESCRIPTION's fields must be an array, not ${describeValue(fields)}.`);
  }
  const arms = (fields as unknown[]).map((entry, index) => unionArm(fn, entry, index, fields.length));
  return { union, arms };
}

function unionArm(fn: string, entry: unknown, index: number, count: number): UnionArm {
  const arm = entry as WS_UNION_FIELD_DESCRIPTION | null;
  if (typeof arm !== "object" || arm === null || typeof arm.value !== "number" || typeof arm.field !== "object" || arm.field === null) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: union field ${index} must be a WS_UNION_FIELD_DESCRIPTION (a numeric value and a field), not ${describeValue(entry)}.`,
    );
  }
  const { mapping } = arm.field;
  if (mapping === WS_ELEMENT_FIELD_MAPPING) {
    requiredName(fn, arm.field.localName, `the localName of union field ${index}`);
    requiredName(fn, arm.field.ns, `the ns of union field ${index}`);
  } else if (mapping !== WS_ANY_ELEMENT_FIELD_MAPPING || index !== count - 1) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: union field ${index} has WS_FIELD_MAPPING ${mapping}; a union's fields are elements (WS_ELEMENT_FIELD_MAPPING), and WS_ANY_ELEMENT_FIELD_MAPPING only as the last one.`,
    );
  }
  return { value: arm.value, field: arm.field, index };
}

/** The arm an enum value selects. */
export const armForValue = (arms: readonly UnionArm[], value: unknown): UnionArm | undefined => arms.find((arm) => arm.value === value);

/** The arm an element is (its name; else the any-element arm), or undefined when `node` is no element or none takes it. */
export function armForNode(arms: readonly UnionArm[], node: WS_XML_NODE): UnionArm | undefined {
  if (asElement(node) === null) return undefined;
  return arms.find((arm) =>
    arm.field.mapping === WS_ANY_ELEMENT_FIELD_MAPPING ? true : isElementNamed(node, arm.field.localName!, arm.field.ns!),
  );
}

/** A choice field: WS_UNION_TYPE ("This field mapping must be used with WS_UNION_TYPE"), and no item names ("The itemLocalName and itemNs fields must be NULL"). */
export function checkUnionField(fn: string, field: WS_FIELD_DESCRIPTION, index: number): void {
  if (field.type !== WS_UNION_TYPE) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: field ${index}: a choice field mapping "must be used with WS_UNION_TYPE", not type ${field.type}.`,
    );
  }
  const named = (s: unknown) => s !== null && s !== undefined;
  if (named(field.itemLocalName) || named(field.itemNs)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: field ${index}: a choice field's itemLocalName and itemNs must be NULL (the union names its elements).`,
    );
  }
}
