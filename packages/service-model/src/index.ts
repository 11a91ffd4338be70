/** @wwsapi/service-model: see README.md for what it covers and docs/api-status.md for what is implemented. */
export * from "./gen/index.js";
export * from "./idiomatic/index.js";
