/**
 * The typed descriptions: describe a type once with builders, get its WS_STRUCT_DESCRIPTION /
 * WS_ELEMENT_DESCRIPTION and `read` / `write` with the value's TypeScript type inferred:
 *
 * ```ts
 * const Add = struct("Add", "http://tempuri.org/", { a: element(int32, "a"), b: element(int32, "b") });
 * Add.write(writer, { a: 2, b: 3 });   // <Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add>
 * const { a, b } = Add.read(reader);   // a: number, b: number
 * WsWriteBody(message, Add.element, WS_WRITE_REQUIRED_VALUE, { a: 2, b: 3 }); // the same description
 * ```
 *
 * What generated bindings (from WSDL) emit. Unions and xsi:type subtypes have no builder yet.
 */
export { type ElementType, elementOf, type ReadOptions } from "./element-type.js";
export { type EnumType, enumeration } from "./enumeration.js";
export {
  type ArrayOptions,
  array,
  attribute,
  element,
  type FieldKind,
  type FieldSpec,
  type NameOptions,
  nillable,
  optional,
  text,
  xmlAttribute,
} from "./fields.js";
export type { HeapLike, ReaderLike, WriterLike } from "./guarded-call.js";
export { type Fields, type StructOptions, type StructType, type StructValue, struct } from "./struct.js";
export {
  bool,
  bytes,
  constrained,
  dateTime,
  decimal,
  double,
  duration,
  float,
  guid,
  int8,
  int16,
  int32,
  int64,
  qname,
  string,
  type TypeDef,
  timeSpan,
  uint8,
  uint16,
  uint32,
  uint64,
  uniqueId,
  type ValueOf,
  wsz,
  xmlBuffer,
  xmlStringType,
} from "./value-types.js";
