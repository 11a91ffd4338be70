/** The idiomatic service model: typed contracts, clients and hosts over the flat API. */
export { type CallOptions, type Client, type ClientOptions, createClient } from "./client.js";
export { type Contract, contract, type OperationSpec, type OperationSpecs, type ReplyOf, type RequestOf } from "./contract.js";
export { type Handlers, type OperationCall, ServiceHost, type ServiceHostOptions } from "./service-host.js";
