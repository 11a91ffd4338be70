import { E_INVALIDARG, type WS_FIELD_DESCRIPTION } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { SerialWriter } from "./serial-writer.js";

/**
 * The repeating mappings' items (elements, unions), inside the wrapper element localName/ns when one
 * is given ("If no wrapper element is desired, then both localName/ns should be NULL"). An empty
 * array writes an empty wrapper (the docs only say the wrapper "must appear in the XML if repeating
 * element count is not 0"); a missing array is C's NULL pointer with a count of 0: no items.
 */
export function writeWrapped(
  out: SerialWriter,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  value: unknown,
  path: string,
  writeItem: (item: unknown, i: number) => void,
): void {
  const fn = out.fn;
  const wrapped = field.localName !== null && field.localName !== undefined;
  if ((field.ns !== null && field.ns !== undefined) !== wrapped) {
    throw new WsError(E_INVALIDARG, `${fn}: field ${index}: "ns and localName fields must be either both specified or both NULL".`);
  }
  let items: ArrayLike<unknown> = [];
  if (value === null || value === undefined) {
    // no items
  } else if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    items = value as ArrayLike<unknown>;
  } else {
    throw new WsError(E_INVALIDARG, `${fn}: ${path} must be an array of items, not ${describeValue(value)}.`);
  }
  if (wrapped) out.startElement(field.localName!, field.ns!);
  for (let i = 0; i < items.length; i++) writeItem(items[i], i);
  if (wrapped) out.endElement();
}
