import { E_INVALIDARG, WS_ANY_ELEMENT_FIELD_MAPPING, type WS_FIELD_DESCRIPTION } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { isOptional, propertyName } from "./field-binding.js";
import type { SerialWriter } from "./serial-writer.js";
import { armForValue, checkUnionField, unionDescription } from "./union-description.js";
import { writeAnyBufferField } from "./write-any.js";
import { writeWrapped } from "./write-repeating.js";

/** How a field is written (write-type.ts passes its own, so that this module does not import it back). */
export type FieldWriter = (
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
) => void;

/**
 * WS_UNION_TYPE, written: the element of the arm the selector names ("The selector value
 * indicates which of the fields of the union are set"). The none value writes nothing where the
 * field is WS_FIELD_OPTIONAL ("Struct S; s.choice = None; <Struct></Struct>"); elsewhere, and for a
 * selector no arm has, E_INVALIDARG (Windows, in Wine's tests of WsWriteType).
 */
export function writeUnion(
  out: SerialWriter,
  description: unknown,
  value: unknown,
  optional: boolean,
  what: string,
  writeField: FieldWriter,
): void {
  const { union, arms } = unionDescription(out.fn, description);
  if (typeof value !== "object" || value === null) {
    throw new WsError(E_INVALIDARG, `${out.fn}: ${what} must be a union (an object), not ${describeValue(value)}.`);
  }
  const record = value as Record<string, unknown>;
  const selector = record[union.enumOffset];
  const arm = armForValue(arms, selector);
  if (arm === undefined) {
    if (selector === union.noneEnumValue && optional) return;
    throw new WsError(
      E_INVALIDARG,
      selector === union.noneEnumValue
        ? `${out.fn}: ${what} has the none value (${selector}) of its union, but the field is not WS_FIELD_OPTIONAL.`
        : `${out.fn}: ${what}.${union.enumOffset} is ${describeValue(selector)}, which none of the ${arms.length} fields of its WS_UNION_DESCRIPTION has.`,
    );
  }
  if (arm.field.mapping === WS_ANY_ELEMENT_FIELD_MAPPING) writeAnyBufferField(out, arm.field, arm.index, record, what);
  else writeField(out, arm.field, arm.index, record, what);
}

/** WS_ELEMENT_CHOICE_FIELD_MAPPING: the union held by the field's property. */
export function writeChoiceField(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
  writeField: FieldWriter,
): void {
  checkUnionField(out.fn, field, index);
  const name = propertyName(out.fn, field, index);
  writeUnion(out, field.typeDescription, record[name], isOptional(field), `${what}.${name}`, writeField);
}

/** WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING: each union of the array, inside the wrapper when there is one. */
export function writeRepeatingChoiceField(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  record: Record<string, unknown>,
  what: string,
  writeField: FieldWriter,
): void {
  checkUnionField(out.fn, field, index);
  const name = propertyName(out.fn, field, index);
  const path = `${what}.${name}`;
  writeWrapped(out, field, index, record[name], path, (item, i) =>
    writeUnion(out, field.typeDescription, item, false, `${path}[${i}]`, writeField),
  );
}
