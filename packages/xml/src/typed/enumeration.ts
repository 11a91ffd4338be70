import { E_INVALIDARG, type WS_ENUM_DESCRIPTION, WS_ENUM_TYPE, type WS_ENUM_VALUE } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlString } from "../text-utils/xml-string.js";
import type { TypeDef } from "./value-types.js";

/** An enumeration's TypeDef, with the WS_ENUM_DESCRIPTION it is made of. */
export interface EnumType<Names extends string> extends TypeDef<Names> {
  readonly typeDescription: WS_ENUM_DESCRIPTION;
  readonly names: readonly Names[];
}

/**
 * An xs:enumeration of names as a WS_ENUM_TYPE whose values are the names themselves:
 * `enumeration(["Red", "Green"])` reads `<c>Green</c>` as "Green", and its TypeScript type is
 * `"Red" | "Green"`. The serializer maps a name to WS_ENUM_VALUE.value and back by identity, so a
 * value can be any JavaScript value; a C-style description with numbers works the same way (and
 * reads numbers). `maxByteCount` is the longest name's UTF-8 length and `nameIndices` the indices
 * sorted by name bytes, as WS_ENUM_DESCRIPTION describes them ("may be NULL"; given here).
 */
export function enumeration<const Names extends readonly string[]>(names: Names): EnumType<Names[number]> {
  if (names.length === 0) throw new WsError(E_INVALIDARG, "enumeration: an enumeration needs at least one name.");
  if (new Set(names).size !== names.length) throw new WsError(E_INVALIDARG, `enumeration: the names ${names.join(", ")} repeat one.`);
  const values: WS_ENUM_VALUE[] = names.map((name) => ({ value: name as unknown as number, name: xmlString(name) }));
  const nameIndices = values.map((_, i) => i).sort((i, j) => compareBytes(values[i]!.name!.bytes, values[j]!.name!.bytes));
  const typeDescription: WS_ENUM_DESCRIPTION = {
    values,
    maxByteCount: Math.max(...values.map((v) => v.name!.bytes.length)),
    nameIndices,
  };
  return Object.freeze({ type: WS_ENUM_TYPE, typeDescription, names: Object.freeze([...names]) });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
