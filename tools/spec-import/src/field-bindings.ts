import { parseCType, type TypeNames, tsOfBase } from "./c-types.js";

export interface CField {
  name: string;
  type: string;
  fields?: CField[];
}

export interface BoundField {
  name: string;
  /** The C type as the header spells it (`struct` for an anonymous nested struct). */
  type: string;
  /** TypeScript type; absent when the field is a count folded into its array (see countOf). */
  ts?: string;
  /** Set on a count field: the array field whose length it is; the field is not in the TS shape. */
  countOf?: string;
  fields?: BoundField[];
}

/** Names a count field of pointer field `name` may have: `properties` -> `propertyCount`. */
function countNames(name: string): string[] {
  const singular = name.endsWith("ies") ? `${name.slice(0, -3)}y` : name.endsWith("s") ? name.slice(0, -1) : name;
  // "prefixes" counts with "prefixCount".
  const esSingular = name.endsWith("es") ? name.slice(0, -2) : singular;
  return [`${singular}Count`, `${esSingular}Count`, `${name}Count`, `${name}Size`, `${singular}Size`];
}

/**
 * Array fields whose count the naming rule cannot find: the array and the field holding its length
 * (already folded into another array of the same length, for WS_ENUM_DESCRIPTION.nameIndices).
 */
const ARRAY_FIELDS: Record<string, string> = {
  "WS_OPERATION_DESCRIPTION.parameterDescription": "parameterCount",
  "WS_ENUM_DESCRIPTION.nameIndices": "valueCount",
};

/**
 * Binds the fields of a struct. A pointer field with a sibling count field becomes a readonly
 * array (bytes: Uint8Array, WCHAR: string) and the count field leaves the TypeScript shape, the
 * same rule as "(const T* items, ULONG count)" for parameters.
 */
export function bindFields(fields: readonly CField[], names: TypeNames, structName: string): BoundField[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const counted = new Map<string, string>();
  for (const f of fields) {
    if (parseCType(f.type).depth === 0 || f.type === "struct") continue;
    const count = countNames(f.name).find((n) => byName.has(n) && /^(ULONG|USHORT)$/.test(byName.get(n)!.type));
    if (count !== undefined) counted.set(count, f.name);
  }
  const sharedCounts: string[] = [];
  for (const f of fields) {
    const count = ARRAY_FIELDS[`${structName}.${f.name}`];
    if (count === undefined) continue;
    if (counted.has(count)) sharedCounts.push(f.name);
    else counted.set(count, f.name);
  }
  // WS_XML_STRING {length, bytes, ...}: the length of its bytes is called `length`.
  if (byName.has("length") && byName.get("bytes")?.type === "BYTE*") counted.set("length", "bytes");

  const countFieldOf = new Map([...counted].map(([count, array]) => [array, count]));
  return fields.map((f) => {
    const countOf = counted.get(f.name);
    if (countOf !== undefined) return { name: f.name, type: f.type, countOf };
    if (f.type === "struct") return { name: f.name, type: f.type, fields: bindFields(f.fields ?? [], names, `${structName}.${f.name}`) };
    const countField = countFieldOf.get(f.name) ?? (sharedCounts.includes(f.name) ? ARRAY_FIELDS[`${structName}.${f.name}`] : undefined);
    // (void* value, ULONG valueSize) is one typed value (a property's), not a byte array; other
    // sized void* fields (WS_XML_READER_BUFFER_INPUT.encodedData) are bytes.
    const isTypedValue = f.name === "value" || f.name.endsWith("Values");
    if (isTypedValue && countField?.endsWith("Size") && parseCType(f.type).base === "void")
      return { name: f.name, type: f.type, ts: "unknown" };
    return { name: f.name, type: f.type, ts: tsOfField(f.type, countField !== undefined, names) };
  });
}

function tsOfField(cType: string, isArray: boolean, names: TypeNames): string {
  const t = parseCType(cType);
  if (isArray) {
    if (t.base === "BYTE" || t.base === "void") return "Uint8Array";
    if (t.base === "WCHAR") return "string";
    return `readonly ${tsOfBase(t.base, names)}[]`;
  }
  if (t.base === "CERT_CONTEXT") return "CERT_CONTEXT | null";
  const inner = tsOfBase(t.base, names);
  // A function pointer in a struct may be NULL.
  if (t.depth === 0) return names.callbacks.has(t.base) ? `${inner} | null` : inner;
  if (t.base === "WCHAR") return "string | null";
  if (t.base === "void") return "unknown";
  if (t.depth >= 2) return `readonly ${inner}[] | null`;
  return `${inner} | null`;
}
