import type { WS_STRUCT_DESCRIPTION } from "@wwsapi/core";

/**
 * Absent optional fields as undefined. The serializer reads a missing WS_FIELD_OPTIONAL field as
 * WWSAPI does: a pointer field is NULL, a WS_STRING / WS_BYTES field its nil value (WS_FIELD_MAPPING:
 * the default is "all zeros"), both null in TypeScript. The typed layer promises `?: T | undefined`
 * for optional fields, so after a read it turns those nulls into undefined — for the fields that are
 * optional and not nillable, whose null can only mean "absent". A field both optional and nillable
 * keeps null for both, as C cannot tell them apart either.
 *
 * The work is planned once per struct description: only structs with such fields, or holding
 * structs that have them, get a pass, so reading a description without optional fields costs
 * nothing more.
 */
export type AbsentFix = (value: Record<string, unknown>) => void;

/** What one field needs after a read. */
export type FieldFix =
  | { readonly kind: "absent"; readonly property: string }
  | { readonly kind: "nested"; readonly property: string; readonly fix: AbsentFix }
  | { readonly kind: "items"; readonly property: string; readonly fix: AbsentFix };

const fixes = new WeakMap<WS_STRUCT_DESCRIPTION, AbsentFix>();

/** The pass of a struct made by `struct()`, if it needs one. */
export const absentFixOf = (description: unknown): AbsentFix | undefined =>
  typeof description === "object" && description !== null ? fixes.get(description as WS_STRUCT_DESCRIPTION) : undefined;

/** Records the pass of `description` from its fields' needs (none: no pass). */
export function planAbsentFix(description: WS_STRUCT_DESCRIPTION, fields: readonly FieldFix[]): AbsentFix | undefined {
  if (fields.length === 0) return undefined;
  const fix: AbsentFix = (value) => {
    for (const field of fields) {
      const current = value[field.property];
      if (field.kind === "absent") {
        if (current === null) value[field.property] = undefined;
      } else if (field.kind === "nested") {
        if (typeof current === "object" && current !== null) field.fix(current as Record<string, unknown>);
      } else if (Array.isArray(current)) {
        for (const item of current) if (typeof item === "object" && item !== null) field.fix(item as Record<string, unknown>);
      }
    }
  };
  fixes.set(description, fix);
  return fix;
}
