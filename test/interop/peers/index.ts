/**
 * The interop peer harness: one function per peer, start → { url, stop } for servers, run → exit code
 * and output for clients. See tools/peers/README.md for the peers and what each can do.
 */
export * from "./environment.js";
export * from "./gsoap.js";
export * from "./mono.js";
export * from "./node-soap.js";
export * from "./process.js";
export * from "./spyne.js";
export * from "./zeep.js";
