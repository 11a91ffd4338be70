/**
 * The [MC-NMF] .NET Message Framing layer of net.tcp: records, their codec, the framing faults and
 * the Duplex session state machines. Pure protocol, no sockets: the TCP channel drives it.
 */
export * from "./fault-strings.js";
export * from "./framing-error.js";
export * from "./read-records.js";
export * from "./record-size.js";
export * from "./records.js";
export * from "./session-state.js";
export * from "./write-records.js";
