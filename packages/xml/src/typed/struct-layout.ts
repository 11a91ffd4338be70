import {
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_POINTER,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
} from "@wwsapi/core";
import { cSize, POINTER_SIZE } from "../serialization/type-info.js";

export interface Layout {
  readonly size: number;
  readonly alignment: number;
}

/**
 * The size and alignment the C struct would have on 64-bit Windows, for WS_STRUCT_DESCRIPTION's
 * `size` and `alignment`: the serializer accounts a struct read "on the heap" by its size. Each
 * field is aligned to its own alignment (a pointer's 8; a value's largest power of two up to 8
 * that divides its size, which is what its widest member gives for the WS_TYPE structs); a
 * repeating field is a pointer and a ULONG count; the struct is padded to its alignment.
 */
export function cLayout(fields: readonly WS_FIELD_DESCRIPTION[]): Layout {
  let offset = 0;
  let alignment = 1;
  const place = (size: number, align: number) => {
    offset = Math.ceil(offset / align) * align + size;
    alignment = Math.max(alignment, align);
  };
  for (const field of fields) {
    if (field.mapping === WS_REPEATING_ELEMENT_FIELD_MAPPING) {
      place(POINTER_SIZE, POINTER_SIZE);
      place(4, 4);
    } else if ((field.options & WS_FIELD_POINTER) !== 0) {
      place(POINTER_SIZE, POINTER_SIZE);
    } else if (field.type === WS_STRUCT_TYPE) {
      const nested = field.typeDescription as WS_STRUCT_DESCRIPTION;
      place(nested.size, nested.alignment);
    } else {
      const size = cSize(field.type, field.typeDescription);
      place(size, naturalAlignment(size));
    }
  }
  return { size: Math.max(1, Math.ceil(offset / alignment) * alignment), alignment };
}

function naturalAlignment(size: number): number {
  for (const align of [8, 4, 2]) if (size % align === 0) return align;
  return 1;
}
