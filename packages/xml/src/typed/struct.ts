import {
  E_INVALIDARG,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_NILLABLE,
  WS_FIELD_NILLABLE_ITEM,
  WS_FIELD_OPTIONAL,
  WS_FIELD_POINTER,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT,
  WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  WS_XML_ATTRIBUTE_FIELD_MAPPING,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlString } from "../text-utils/xml-string.js";
import { absentFixOf, type FieldFix, planAbsentFix } from "./absent-fields.js";
import { type ElementType, elementOf } from "./element-type.js";
import { type FieldKind, type FieldSpec, XML_NAMESPACE_URI } from "./fields.js";
import { cLayout, type Layout } from "./struct-layout.js";
import { nullIsValue, type TypeDef } from "./value-types.js";

// biome-ignore lint/suspicious/noExplicitAny: a field of any value type; its own type is kept by inference.
type AnyField = FieldSpec<any, FieldKind, boolean>;
export type Fields = { readonly [property: string]: AnyField };

type FieldValue<F> = F extends FieldSpec<infer T, FieldKind, boolean> ? T : never;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly optional: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The TypeScript type of a struct value described by `F`: a required property per field, an
 * optional one (`?:`, `| undefined`) per `optional` field; `nillable` adds `| null`, arrays are
 * `readonly T[]`.
 */
export type StructValue<F extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: FieldValue<F[K]> } & { -readonly [K in OptionalKeys<F>]?: FieldValue<F[K]> }
>;

export interface StructOptions {
  /** WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES: attributes no field maps are skipped instead of refused. */
  readonly ignoreUnhandledAttributes?: boolean;
  /** WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT: elements after the last field are skipped instead of refused. */
  readonly ignoreTrailingContent?: boolean;
  /** The XML Schema type's name (typeLocalName, for xsi:type) when it differs from the element's name. */
  readonly typeName?: string;
}

/** A struct: a TypeDef for fields of other structs, and the element of the same name for reading and writing it whole. */
export interface StructType<T> extends TypeDef<T>, ElementType<T> {
  readonly typeDescription: WS_STRUCT_DESCRIPTION;
}

/**
 * Describes a struct once: `struct("Add", "http://tempuri.org/", { a: element(int32, "a"), b:
 * element(int32, "b") })` is a WS_STRUCT_DESCRIPTION whose fields are in the order given, each
 * WS_FIELD_DESCRIPTION's `offset` the property's name (wwsapi-ts's binding of offsets,
 * spec/README.md), and the element <Add xmlns="http://tempuri.org/"> that holds it. Element fields
 * and array items take the struct's namespace unless given one (elementFormDefault="qualified",
 * as WCF's and WsUtil's schemas have it); attributes take none.
 */
export function struct<const F extends Fields>(
  localName: string,
  ns: string,
  fields: F,
  options: StructOptions = {},
): StructType<StructValue<F>> {
  const namespace = xmlString(ns);
  const entries = Object.entries(fields);
  for (const [property] of entries) {
    // JavaScript lists integer-like keys first, whatever order they were written in; fields are serialized in key order.
    if (/^(0|[1-9]\d*)$/.test(property)) {
      throw new WsError(
        E_INVALIDARG,
        `struct: the property name "${property}" of ${localName} is an array index, which JavaScript would move ahead of the other fields.`,
      );
    }
  }
  const descriptions = entries.map(([property, spec]) => fieldDescription(property, spec, namespace));
  const layout: Layout = cLayout(descriptions);
  const typeDescription: WS_STRUCT_DESCRIPTION = {
    size: layout.size,
    alignment: layout.alignment,
    fields: descriptions,
    typeLocalName: xmlString(options.typeName ?? localName),
    typeNs: namespace,
    parentType: null,
    subTypes: [],
    structOptions:
      (options.ignoreUnhandledAttributes === true ? WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES : 0) |
      (options.ignoreTrailingContent === true ? WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT : 0),
  };
  const fix = planAbsentFix(
    typeDescription,
    entries.flatMap(([property, spec]) => fieldFix(property, spec)),
  );
  const def: TypeDef<StructValue<F>> = { type: WS_STRUCT_TYPE, typeDescription };
  return Object.freeze({ ...def, typeDescription, ...elementOf(def, localName, ns, fix) });
}

/** What a field needs after a read (absent-fields.ts): undefined for absence, or a pass over the structs it holds. */
function fieldFix(property: string, spec: AnyField): FieldFix[] {
  const needs: FieldFix[] = spec.optional && !spec.nillable ? [{ kind: "absent", property }] : [];
  const nested = spec.def.type === WS_STRUCT_TYPE ? absentFixOf(spec.def.typeDescription) : undefined;
  if (nested !== undefined) needs.push({ kind: spec.kind === "array" ? "items" : "nested", property, fix: nested });
  return needs;
}

/**
 * The WS_FIELD_DESCRIPTION of one property, as WsUtil would write it. An optional or nillable field
 * of a type without a nil value of its own gets WS_FIELD_POINTER, as in C (`int* a`): only a
 * pointer can be NULL, and an optional value field would drop a value equal to its default ("an
 * optional field equal to its default is not written"). No WS_DEFAULT_VALUE: absent is NULL.
 */
function fieldDescription(property: string, spec: AnyField, structNs: WS_XML_STRING): WS_FIELD_DESCRIPTION {
  const { def } = spec;
  const nullable = (spec.optional || spec.nillable) && !nullIsValue(def.type);
  const base: WS_FIELD_DESCRIPTION = {
    mapping: WS_ELEMENT_FIELD_MAPPING,
    localName: null,
    ns: null,
    type: def.type,
    typeDescription: def.typeDescription,
    offset: property,
    options: (spec.optional ? WS_FIELD_OPTIONAL : 0) | (spec.nillable ? WS_FIELD_NILLABLE : 0) | (nullable ? WS_FIELD_POINTER : 0),
    defaultValue: null,
    countOffset: 0,
    itemLocalName: null,
    itemNs: null,
    itemRange: null,
  };
  switch (spec.kind) {
    case "element":
      return { ...base, localName: xmlString(spec.localName!), ns: spec.ns === undefined ? structNs : xmlString(spec.ns) };
    case "attribute":
      return {
        ...base,
        // An attribute in the xml namespace is a reserved one, which only the xml prefix may carry.
        mapping: spec.ns === XML_NAMESPACE_URI ? WS_XML_ATTRIBUTE_FIELD_MAPPING : WS_ATTRIBUTE_FIELD_MAPPING,
        localName: xmlString(spec.localName!),
        ns: xmlString(spec.ns ?? ""),
      };
    case "text":
      return { ...base, mapping: WS_TEXT_FIELD_MAPPING };
    case "array": {
      const item = spec.item!;
      const wrapped = spec.localName !== null;
      return {
        ...base,
        mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
        localName: wrapped ? xmlString(spec.localName!) : null,
        ns: wrapped ? (spec.ns === undefined ? structNs : xmlString(spec.ns)) : null,
        options: item.nillable ? WS_FIELD_NILLABLE_ITEM | (nullIsValue(def.type) ? 0 : WS_FIELD_POINTER) : 0,
        itemLocalName: xmlString(item.localName),
        itemNs: item.ns === undefined ? structNs : xmlString(item.ns),
        itemRange: item.range === null ? null : { ...item.range },
      };
    }
  }
}
