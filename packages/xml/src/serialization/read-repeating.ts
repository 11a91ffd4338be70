import type { WS_FIELD_DESCRIPTION, WS_ITEM_RANGE, WS_XML_NODE } from "@wwsapi/core";
import { isOptional, requiredFieldName } from "./field-binding.js";
import {
  charge,
  describe,
  endOfElement,
  invalidFormat,
  isElementNamed,
  nameText,
  next,
  type ReadContext,
  significant,
} from "./read-context.js";

/**
 * The repeating field mappings' shared reading (WS_REPEATING_ELEMENT_FIELD_MAPPING,
 * WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING, WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING): the items,
 * inside the wrapper element localName/ns when there is one ("If a wrapper element has been
 * specified, the wrapper element must appear in the XML if repeating element count is not 0": a
 * missing wrapper is no items, an error only when the itemRange requires some). "The number of
 * elements in the deserialized array can be constrained by specifying a non-NULL WS_ITEM_RANGE":
 * fewer than minItemCount or more than maxItemCount is WS_E_INVALID_FORMAT; reading stops at item
 * maxItemCount + 1, so no more is taken than can be reported. The array is accounted on the heap
 * at `itemSize` bytes per item.
 *
 * `isItem` says whether the node after white space and comments is an item; `readItem` reads it
 * (the reader on it) and returns its value.
 */
export function readRepeatingItems(
  ctx: ReadContext,
  field: WS_FIELD_DESCRIPTION,
  index: number,
  path: string,
  itemSize: number,
  isItem: (node: WS_XML_NODE) => boolean,
  readItem: (node: WS_XML_NODE, itemPath: string) => unknown,
): unknown[] {
  const items: unknown[] = [];
  const range = field.itemRange as WS_ITEM_RANGE | null | undefined;
  const max = range === null || range === undefined ? Number.POSITIVE_INFINITY : range.maxItemCount;
  const readItems = () => {
    for (;;) {
      const node = significant(ctx);
      if (!isItem(node)) return;
      if (items.length >= max) throw invalidFormat(ctx, `${path} has more than the ${max} items its itemRange allows`);
      items.push(readItem(node, `${path}[${items.length}]`));
    }
  };
  if (field.localName === null || field.localName === undefined) readItems();
  else {
    const localName = field.localName;
    const ns = requiredFieldName(ctx.fn, field.ns, "ns", index);
    if (isElementNamed(significant(ctx), localName, ns)) {
      next(ctx);
      readItems();
      endOfElement(ctx, `the wrapper ${nameText(localName, ns)} of ${path}`, false);
    } else if (!isOptional(field) && range !== null && range !== undefined && range.minItemCount > 0) {
      throw invalidFormat(
        ctx,
        `the wrapper ${nameText(localName, ns)} of ${path} was expected, but the reader is on ${describe(significant(ctx))}`,
      );
    }
  }
  if (range !== null && range !== undefined && items.length < range.minItemCount) {
    throw invalidFormat(ctx, `${path} has ${items.length} items, fewer than the ${range.minItemCount} its itemRange requires`);
  }
  charge(ctx, items.length * itemSize, path);
  return items;
}
