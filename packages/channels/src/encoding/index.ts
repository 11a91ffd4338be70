export { BinaryEncoder, MSBIN1 } from "./binary-encoder.js";
export { parseContentType, quoted } from "./content-type.js";
export { createEncoder } from "./create-encoder.js";
export { MtomEncoder } from "./mtom-encoder.js";
export { RawEncoder } from "./raw-encoder.js";
export { soapMediaType, TextEncoder } from "./text-encoder.js";
