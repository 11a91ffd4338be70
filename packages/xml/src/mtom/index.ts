export { packageContentType } from "./mime-layout.js";
export { openMtomInput } from "./open-mtom-input.js";
export { openMtomOutput } from "./open-mtom-output.js";
