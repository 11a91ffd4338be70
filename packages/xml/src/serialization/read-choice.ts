import { WS_ANY_ELEMENT_FIELD_MAPPING, type WS_FIELD_DESCRIPTION, WS_UNION_TYPE } from "@wwsapi/core";
import { isOptional, newStruct, propertyName } from "./field-binding.js";
import { readAnyElementField } from "./read-any.js";
import { describe, invalidFormat, type ReadContext, significant } from "./read-context.js";
import { readRepeatingItems } from "./read-repeating.js";
import { cSize } from "./type-info.js";
import { armForNode, checkUnionField, type UnionArm, unionDescription } from "./union-description.js";

/** How an element field is read (read-type.ts passes its own, so that this module does not import it back). */
export type ElementFieldReader = (
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
) => void;

/**
 * WS_UNION_TYPE, read. A union is one element among its arms' ("Each element maps to one of the
 * fields of a union. Each field of the union has a corresponding enum value, which is used to
 * identify the current choice"). The value is a new object holding the selector under enumOffset
 * and the arm's value under the arm's offset (union-description.ts). "Unless WS_FIELD_OPTIONAL is
 * specified, one of the elements must appear in the XML … If optional and none of the elements are
 * present, then the field's selector value is set to the none value of the enumeration (as
 * specified in the noneEnumValue field of the WS_UNION_DESCRIPTION)."
 */
export function readUnion(
  ctx: ReadContext,
  description: unknown,
  optional: boolean,
  what: string,
  readElement: ElementFieldReader,
): Record<string, unknown> {
  const { union, arms } = unionDescription(ctx.fn, description);
  const value = newStruct();
  const node = significant(ctx);
  const arm = armForNode(arms, node);
  if (arm === undefined) {
    if (!optional) throw invalidFormat(ctx, `${describe(node)} is none of the ${arms.length} choices of ${what}`);
    value[union.enumOffset] = union.noneEnumValue;
    return value;
  }
  readArm(ctx, arm, value, what, readElement);
  value[union.enumOffset] = arm.value;
  return value;
}

function readArm(ctx: ReadContext, arm: UnionArm, value: Record<string, unknown>, what: string, readElement: ElementFieldReader): void {
  if (arm.field.mapping === WS_ANY_ELEMENT_FIELD_MAPPING) readAnyElementField(ctx, arm.field, arm.index, value, what);
  else readElement(ctx, arm.field, arm.index, value, what);
}

/** WS_ELEMENT_CHOICE_FIELD_MAPPING: the union, held by the field's property. */
export function readChoiceField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
  readElement: ElementFieldReader,
): void {
  checkUnionField(ctx.fn, field, index);
  const name = propertyName(ctx.fn, field, index);
  value[name] = readUnion(ctx, field.typeDescription, isOptional(field), `${what}.${name}`, readElement);
}

/**
 * WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING: "an repeating set of element choices. Each item is
 * represented by a union with selector value"; the items are the elements any arm takes, inside
 * the wrapper when there is one (read-repeating.ts).
 */
export function readRepeatingChoiceField(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: Record<string, unknown>,
  what: string,
  readElement: ElementFieldReader,
): void {
  checkUnionField(ctx.fn, field, index);
  const { arms } = unionDescription(ctx.fn, field.typeDescription);
  const name = propertyName(ctx.fn, field, index);
  value[name] = readRepeatingItems(
    ctx,
    field,
    index,
    `${what}.${name}`,
    cSize(WS_UNION_TYPE, field.typeDescription),
    (node) => armForNode(arms, node) !== undefined,
    (_node, itemPath) => readUnion(ctx, field.typeDescription, false, itemPath, readElement),
  );
}
