import type { TypeDef } from "./value-types.js";

/**
 * The field builders: each says how one property of a struct value maps to XML, and carries the
 * property's TypeScript type. `struct()` turns them into WS_FIELD_DESCRIPTIONs (struct.ts), so the
 * names here are the XML names; the property names are the keys of the object given to `struct()`.
 */

export type FieldKind = "element" | "attribute" | "text" | "array";

export interface FieldSpec<T, K extends FieldKind = FieldKind, Optional extends boolean = boolean> {
  readonly kind: K;
  /** WS_FIELD_OPTIONAL: the element or attribute may be absent; the property is then undefined. */
  readonly optional: Optional;
  /** WS_FIELD_NILLABLE: the element may be xsi:nil="true"; the property is then null. */
  readonly nillable: boolean;
  /** The field's type (an array's item type). */
  readonly def: TypeDef<unknown>;
  /** The element's or attribute's local name; an array's wrapper element, or null for none. */
  readonly localName: string | null;
  /** Its namespace; undefined: the struct's namespace for elements, no namespace for attributes. */
  readonly ns: string | undefined;
  readonly item?: ArrayItem;
  /** Phantom: never present at run time. */
  readonly __value?: T;
}

export interface ArrayItem {
  readonly localName: string;
  readonly ns: string | undefined;
  /** WS_FIELD_NILLABLE_ITEM. */
  readonly nillable: boolean;
  /** WS_ITEM_RANGE, when the counts are constrained. */
  readonly range: { readonly minItemCount: number; readonly maxItemCount: number } | null;
}

export interface NameOptions {
  /** The namespace of the element or attribute (default: the struct's for elements, none for attributes). */
  readonly ns?: string;
}

export interface ArrayOptions<NillableItems extends boolean> {
  /** The wrapper element around the items (WS_REPEATING_ELEMENT_FIELD_MAPPING's localName); none by default. */
  readonly wrapper?: string;
  /** The wrapper's namespace (default: the struct's). */
  readonly wrapperNs?: string;
  /** The items' namespace (default: the struct's). */
  readonly ns?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** WS_FIELD_NILLABLE_ITEM: an item may be xsi:nil, read and written as null. */
  readonly nillableItems?: NillableItems;
}

/** WS_ELEMENT_FIELD_MAPPING: the property is the child element `localName`. */
export function element<T>(def: TypeDef<T>, localName: string, options: NameOptions = {}): FieldSpec<T, "element", false> {
  return { kind: "element", optional: false, nillable: false, def, localName, ns: options.ns };
}

/** WS_ATTRIBUTE_FIELD_MAPPING: the property is the attribute `localName` (no namespace unless given). */
export function attribute<T>(def: TypeDef<T>, localName: string, options: NameOptions = {}): FieldSpec<T, "attribute", false> {
  return { kind: "attribute", optional: false, nillable: false, def, localName, ns: options.ns };
}

/** The namespace of the xml: prefix (Namespaces in XML: "bound by definition"). */
export const XML_NAMESPACE_URI = "http://www.w3.org/XML/1998/namespace";

/**
 * WS_XML_ATTRIBUTE_FIELD_MAPPING: the property is the reserved attribute xml:`localName`
 * (xml:lang, xml:space), written with the xml prefix. The same as `attribute` with the xml
 * namespace.
 */
export function xmlAttribute<T>(def: TypeDef<T>, localName: string): FieldSpec<T, "attribute", false> {
  return attribute(def, localName, { ns: XML_NAMESPACE_URI });
}

/** WS_TEXT_FIELD_MAPPING: the property is the element's text content. */
export function text<T>(def: TypeDef<T>): FieldSpec<T, "text", false> {
  return { kind: "text", optional: false, nillable: false, def, localName: null, ns: undefined };
}

/**
 * WS_REPEATING_ELEMENT_FIELD_MAPPING: the property is an array, one element `itemName` per item,
 * inside the wrapper element when one is given. No items and a missing wrapper read as [] (the
 * docs: the wrapper "must appear in the XML if repeating element count is not 0").
 */
export function array<T, NillableItems extends boolean = false>(
  def: TypeDef<T>,
  itemName: string,
  options: ArrayOptions<NillableItems> = {},
): FieldSpec<readonly (NillableItems extends true ? T | null : T)[], "array", false> {
  const range =
    options.minItems === undefined && options.maxItems === undefined
      ? null
      : { minItemCount: options.minItems ?? 0, maxItemCount: options.maxItems ?? 0xffffffff };
  return {
    kind: "array",
    optional: false,
    nillable: false,
    def,
    localName: options.wrapper ?? null,
    ns: options.wrapperNs,
    item: { localName: itemName, ns: options.ns, nillable: options.nillableItems === true, range },
  };
}

/**
 * WS_FIELD_OPTIONAL (minOccurs="0"): an absent element or attribute reads as undefined, and
 * undefined (or null) is not written. The description gives the field WS_FIELD_POINTER unless its
 * type has a nil value of its own, so that 0 or false is written like any value. With `nillable`
 * too, absent and nil both read as null, as WWSAPI gives NULL for both.
 */
export function optional<T, K extends "element" | "attribute">(field: FieldSpec<T, K, false>): FieldSpec<T | undefined, K, true> {
  return { ...field, optional: true } as FieldSpec<T | undefined, K, true>;
}

/** WS_FIELD_NILLABLE (nillable="true"): xsi:nil="true" reads as null, and null is written as it. */
export function nillable<T, Optional extends boolean>(field: FieldSpec<T, "element", Optional>): FieldSpec<T | null, "element", Optional> {
  return { ...field, nillable: true } as FieldSpec<T | null, "element", Optional>;
}
