import {
  E_INVALIDARG,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  WS_ENDPOINT_ADDRESS_TYPE,
  WS_FAULT_TYPE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { addressingOf, readEndpointAddress, writeEndpointAddress } from "./endpoint-address-type.js";
import { envelopeOf, readFault, writeFault } from "./fault-type.js";
import { endOfElement, next, type ReadContext } from "./read-context.js";
import type { SerialWriter } from "./serial-writer.js";
import { typeName } from "./type-info.js";

/**
 * The dispatch of the two WS_TYPEs whose form the SOAP and WS-Addressing specifications define
 * (WS_ENDPOINT_ADDRESS_TYPE, WS_FAULT_TYPE) from read-type.ts and write-type.ts. Both are the
 * content of an element: with WS_ELEMENT_TYPE_MAPPING the element the reader is on (its attributes
 * are not looked at) or that the caller started; with WS_ELEMENT_CONTENT_TYPE_MAPPING the content
 * where the reader or writer is. They have no attribute form.
 */

export const isEnvelopeType = (type: number): boolean => type === WS_ENDPOINT_ADDRESS_TYPE || type === WS_FAULT_TYPE;

const MAPPINGS = [
  "",
  "WS_ELEMENT_TYPE_MAPPING",
  "WS_ATTRIBUTE_TYPE_MAPPING",
  "WS_ELEMENT_CONTENT_TYPE_MAPPING",
  "WS_ANY_ELEMENT_TYPE_MAPPING",
];

function checkEnvelopeMapping(fn: string, mapping: number, type: number): void {
  if (mapping !== WS_ELEMENT_TYPE_MAPPING && mapping !== WS_ELEMENT_CONTENT_TYPE_MAPPING) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: ${typeName(type)} is the content of an element: use WS_ELEMENT_TYPE_MAPPING or WS_ELEMENT_CONTENT_TYPE_MAPPING, not ${MAPPINGS[mapping] ?? `WS_TYPE_MAPPING ${mapping}`}.`,
    );
  }
}

/** With WS_ELEMENT_TYPE_MAPPING the reader is on the element (not nil) and ends after it; with content mapping it ends on what closes the content. */
export function readEnvelopeType(ctx: ReadContext, mapping: number, type: number, description: unknown, what: string): unknown {
  checkEnvelopeMapping(ctx.fn, mapping, type);
  // The description is checked before the reader moves.
  if (type === WS_FAULT_TYPE) envelopeOf(ctx.fn, description);
  else addressingOf(ctx.fn, description);
  const read = type === WS_FAULT_TYPE ? readFault : readEndpointAddress;
  if (mapping === WS_ELEMENT_CONTENT_TYPE_MAPPING) return read(ctx, description, what);
  next(ctx);
  const value = read(ctx, description, what);
  endOfElement(ctx, what, false);
  return value;
}

export function writeEnvelopeType(
  out: SerialWriter,
  mapping: number,
  type: number,
  description: unknown,
  value: unknown,
  what: string,
): void {
  checkEnvelopeMapping(out.fn, mapping, type);
  if (type === WS_FAULT_TYPE) writeFault(out, description, value, what);
  else writeEndpointAddress(out, description, value, what);
}
