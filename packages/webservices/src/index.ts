/** @wwsapi/webservices: the whole WWSAPI flat API (and the idiomatic classes) in one import. */

export * from "@wwsapi/async-execute";
export * from "@wwsapi/channels";
export * from "@wwsapi/core";
export * from "@wwsapi/metadata";
export * from "@wwsapi/security";
export * from "@wwsapi/service-model";
export * from "@wwsapi/xml";
