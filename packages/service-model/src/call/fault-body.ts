import { type WS_ELEMENT_DESCRIPTION, WS_ENVELOPE_VERSION_SOAP_1_1, WS_FAULT_TYPE } from "@wwsapi/core";
import { xmlText } from "./xml-text.js";

const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

/** The body element of a fault message: <Fault> in the envelope's namespace, read as WS_FAULT_TYPE. */
export function faultBody(envelopeVersion: number): WS_ELEMENT_DESCRIPTION {
  return {
    elementLocalName: xmlText("Fault"),
    elementNs: xmlText(envelopeVersion === WS_ENVELOPE_VERSION_SOAP_1_1 ? SOAP11 : SOAP12),
    type: WS_FAULT_TYPE,
    typeDescription: { envelopeVersion },
  };
}
