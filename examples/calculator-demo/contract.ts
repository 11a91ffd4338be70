import { contract, type Handlers } from "@wwsapi/service-model";
import { typed } from "@wwsapi/xml";

/**
 * WCF's `ICalculator` in http://tempuri.org/ (the contract every interop peer in tools/peers speaks:
 * Add, Echo, EchoBytes) plus Divide, whose handler throws on a zero divisor so that the host answers
 * with a SOAP fault. Described once with @wwsapi/xml's typed structs: the client's methods and the
 * host's handlers get their TypeScript types from these descriptions.
 *
 * The parameters are described as required elements: WCF's schema says minOccurs="0", but every
 * peer sends them, and required fields give plain `number` / `string` types instead of optional ones.
 */

const { struct, element, int32, string, bytes } = typed;
export const TEMPURI = "http://tempuri.org/";

export const Calculator = contract("ICalculator", TEMPURI, {
  Add: {
    input: struct("Add", TEMPURI, { a: element(int32, "a"), b: element(int32, "b") }),
    output: struct("AddResponse", TEMPURI, { AddResult: element(int32, "AddResult") }),
  },
  Echo: {
    input: struct("Echo", TEMPURI, { text: element(string, "text") }),
    output: struct("EchoResponse", TEMPURI, { EchoResult: element(string, "EchoResult") }),
  },
  EchoBytes: {
    input: struct("EchoBytes", TEMPURI, { data: element(bytes, "data") }),
    output: struct("EchoBytesResponse", TEMPURI, { EchoBytesResult: element(bytes, "EchoBytesResult") }),
  },
  Divide: {
    input: struct("Divide", TEMPURI, { a: element(int32, "a"), b: element(int32, "b") }),
    output: struct("DivideResponse", TEMPURI, { DivideResult: element(int32, "DivideResult") }),
  },
});

export type CalculatorOperations = typeof Calculator.specs;

/** The service: a handler that throws becomes a fault (its message is the reason with faultDisclosure "full"). */
export const calculatorHandlers: Handlers<CalculatorOperations> = {
  Add: ({ a, b }) => ({ AddResult: (a + b) | 0 }),
  Echo: ({ text }) => ({ EchoResult: text }),
  EchoBytes: ({ data }) => ({ EchoBytesResult: data }),
  Divide({ a, b }) {
    if (b === 0) throw new Error("division by zero");
    return { DivideResult: Math.trunc(a / b) };
  },
};
