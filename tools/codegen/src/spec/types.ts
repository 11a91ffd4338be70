/** The shapes of spec/*.json (their JSON Schemas are in spec/schema/). */

export type PackageName = "core" | "async-execute" | "xml" | "channels" | "security" | "service-model" | "metadata";

export interface SpecParam {
  name: string;
  type: string;
  dir: "in" | "out";
  optional: boolean;
  kind: string;
  ts?: string;
  check?: string;
  countOf?: string;
  countParam?: string;
}

export interface SpecFunction {
  name: string;
  area: string;
  package: PackageName;
  returns: "HRESULT" | "void";
  async: boolean;
  holds: string[];
  params: SpecParam[];
  documentedReturnCodes: string[];
  wine: string;
}

export interface SpecHandle {
  name: string;
  threading: "single" | "free";
  package: PackageName;
  create: string[];
  free: string | null;
  reset: string | null;
  propertyIdEnums: string[];
  stateEnum: string | null;
  notes: string | null;
}

export interface SpecEnum {
  name: string;
  kind: "enum" | "flags";
  members: { name: string; value: number }[];
}

export interface SpecField {
  name: string;
  type: string;
  ts?: string;
  countOf?: string;
  fields?: SpecField[];
}

export interface SpecStruct {
  name: string;
  /** The discriminator struct this one begins with; its fields are this one's too. */
  base?: string;
  fields: SpecField[];
}

export interface SpecCallback {
  name: string;
  signature: string;
  returns: "HRESULT" | "void";
  params: SpecParam[];
}

export interface SpecProperty {
  enum: string;
  id: string;
  value: number;
  valueType: string | null;
  default: string | null;
  appliesTo: string | null;
  notes: string | null;
}

export interface SpecHresult {
  name: string;
  value: number;
  hex: string;
  severity: "success" | "error";
  kind: string;
  meaning: string;
}

export interface Spec {
  functions: SpecFunction[];
  handles: SpecHandle[];
  enums: SpecEnum[];
  structs: SpecStruct[];
  callbacks: SpecCallback[];
  properties: SpecProperty[];
  hresults: SpecHresult[];
}

export const SPEC_FILES = ["functions", "handles", "enums", "structs", "callbacks", "properties", "hresults"] as const;
