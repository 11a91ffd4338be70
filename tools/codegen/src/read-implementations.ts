import { existsSync } from "node:fs";
import { join } from "node:path";
import { type ObjectLiteralExpression, Project, SyntaxKind } from "ts-morph";
import type { PackageName } from "./spec/types.js";

/**
 * The functions each package implements: the property names of the object literal exported as
 * `implementation` from packages/<pkg>/src/implementation.ts (a `satisfies` expression or not).
 * This is what the status page is derived from.
 */
export function readImplemented(root: string, packages: readonly PackageName[]): Set<string> {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const implemented = new Set<string>();
  for (const pkg of packages) {
    const path = join(root, "packages", pkg, "src/implementation.ts");
    if (!existsSync(path)) throw new Error(`${path} is missing: every package exports its implementation table there`);
    const declaration = project.addSourceFileAtPath(path).getVariableDeclarationOrThrow("implementation");
    let init = declaration.getInitializerOrThrow();
    while (init.isKind(SyntaxKind.SatisfiesExpression) || init.isKind(SyntaxKind.AsExpression)) init = init.getExpression();
    const literal = init.asKindOrThrow(SyntaxKind.ObjectLiteralExpression) as ObjectLiteralExpression;
    for (const property of literal.getProperties()) {
      if (property.isKind(SyntaxKind.SpreadAssignment)) throw new Error(`${path}: list implementations one by one, not with a spread`);
      const name = property.asKindOrThrow(property.getKind()).getSymbolOrThrow().getName();
      implemented.add(name);
    }
  }
  return implemented;
}
