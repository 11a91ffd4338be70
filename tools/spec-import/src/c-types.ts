/** C type spellings of webservices.h and the TypeScript they bind to (spec/README.md, "Binding rules"). */

export interface TypeNames {
  handles: ReadonlySet<string>;
  enums: ReadonlySet<string>;
  structs: ReadonlySet<string>;
  callbacks: ReadonlySet<string>;
}

export interface ParsedCType {
  /** The type without `const` and pointer stars, e.g. `WS_HEAP` for `WS_HEAP**`. */
  base: string;
  /** How many `*` follow the base. */
  depth: number;
  isConst: boolean;
}

export function parseCType(cType: string): ParsedCType {
  const isConst = /^const\s/.test(cType);
  const noConst = cType.replace(/^const\s+/, "").trim();
  const depth = (noConst.match(/\*/g) ?? []).length;
  return {
    base: noConst
      .replace(/\*/g, "")
      .replace(/^struct\s+_/, "")
      .trim(),
    depth,
    isConst,
  };
}

const NUMBER_TYPES = new Set(["ULONG", "USHORT", "BYTE", "SIZE_T", "int", "short", "char", "float", "double", "LONG", "INT", "UINT"]);
const BIGINT_TYPES = new Set(["__int64", "unsigned __int64", "ULONG64", "INT64", "UINT64"]);

/** Types that core declares by hand: Windows types that are not part of webservices.h. */
export const CORE_NATIVE_TYPES = new Set([
  "GUID",
  "DECIMAL",
  "FILETIME",
  "HCRYPTPROV",
  "NCRYPT_KEY_HANDLE",
  "CERT_CONTEXT",
  "SecPkgContext_IssuerListInfoEx",
]);

/** The TypeScript type of a value of C base type `base` (no pointer). */
export function tsOfBase(base: string, names: TypeNames): string {
  if (NUMBER_TYPES.has(base)) return "number";
  if (BIGINT_TYPES.has(base)) return "bigint";
  switch (base) {
    case "BOOL":
      return "boolean";
    case "HRESULT":
      return "HRESULT";
    case "WS_STRING":
    case "WCHAR":
      return "string";
    case "WS_BYTES":
      return "Uint8Array";
    case "void":
      return "unknown";
  }
  if (CORE_NATIVE_TYPES.has(base)) return base;
  if (names.handles.has(base) || names.enums.has(base) || names.structs.has(base) || names.callbacks.has(base)) return base;
  throw new Error(`no TypeScript binding for C type ${base}`);
}

/** The check the generated flat API applies to a scalar of this C base type. */
export function checkOfBase(base: string, names: TypeNames): string {
  switch (base) {
    case "ULONG":
      return "uint32";
    case "SIZE_T":
      return "size";
    case "USHORT":
      return "uint16";
    case "BYTE":
      return "uint8";
    case "int":
    case "LONG":
    case "HRESULT":
      return "int32";
    case "BOOL":
      return "boolean";
  }
  if (BIGINT_TYPES.has(base)) return "bigint";
  if (names.enums.has(base)) return `enum:${base}`;
  if (names.callbacks.has(base)) return "function";
  return "any";
}
