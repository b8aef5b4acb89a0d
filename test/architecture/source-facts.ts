import {
  type ExportSpecifier,
  type ImportDeclaration,
  type ImportSpecifier,
  isCallExpression,
  isExportDeclaration,
  isExternalModuleReference,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isImportTypeNode,
  isLiteralTypeNode,
  isNamedExports,
  isNamedImports,
  isNamespaceImport,
  isNoSubstitutionTemplateLiteral,
  isStringLiteral,
  type Node,
  type SourceFile,
  SyntaxKind,
} from 'typescript/unstable/ast';
import { createVirtualFileSystem } from 'typescript/unstable/fs';
import { API } from 'typescript/unstable/sync';
import { type EnvReadFact, envUse, isProcessEnv } from './env-reads.js';

/** How a module is pulled in. Every kind counts for the rules; the kind only makes messages clearer. */
export type ImportKind = 'import' | 'import type' | 'export from' | 'dynamic import()' | 'require()' | 'type import()';

export interface ImportFact {
  /** The module specifier as written; `undefined` for a dynamic import whose argument is not a literal. */
  specifier: string | undefined;
  kind: ImportKind;
  /** The names taken from a static import or re-export (`default`, `*`, or the exported name); empty otherwise. */
  names: string[];
  line: number;
}

export interface SourceFacts {
  imports: ImportFact[];
  envReads: EnvReadFact[];
}

/** Where the in-memory files live for the compiler; nothing is read from or written to this path on disk. */
const root = '/architecture-check';

/**
 * Parses each file (repo-relative path → source text) with the TypeScript compiler and returns its imports and its
 * reads of `process.env`. Real tree and test fixtures go through the same path: sources are always handed over in
 * memory, and the compiler resolves nothing, so one file's imports never pull in another.
 */
export function collectFacts(files: Record<string, string>): Map<string, SourceFacts> {
  const names = Object.keys(files);
  const tsconfig = { compilerOptions: { noResolve: true, noLib: true, types: [] }, files: names };
  const virtual: Record<string, string> = { [`${root}/tsconfig.json`]: JSON.stringify(tsconfig) };
  for (const name of names) virtual[`${root}/${name}`] = files[name] ?? '';
  const api = new API({ cwd: root, fs: createVirtualFileSystem(virtual) });
  try {
    const program = api.updateSnapshot({ openProjects: [`${root}/tsconfig.json`] }).getProjects()[0]?.program;
    const facts = new Map<string, SourceFacts>();
    for (const name of names) {
      const file = program?.getSourceFile(`${root}/${name}`);
      if (!file) throw new Error(`the compiler did not parse ${name}`);
      facts.set(name, factsOf(file));
    }
    return facts;
  } finally {
    api.close();
  }
}

function factsOf(file: SourceFile): SourceFacts {
  const facts: SourceFacts = { imports: [], envReads: [] };
  const lineOf = (node: Node) => file.text.slice(0, node.end).split('\n').length;
  const addImport = (kind: ImportKind, at: Node, names: string[] = []) =>
    facts.imports.push({ specifier: literalText(at), kind, names, line: lineOf(at) });
  const visit = (node: Node): void => {
    if (isImportDeclaration(node)) {
      const typeOnly = node.importClause?.phaseModifier === SyntaxKind.TypeKeyword;
      addImport(typeOnly ? 'import type' : 'import', node.moduleSpecifier, importedNames(node));
    } else if (isExportDeclaration(node) && node.moduleSpecifier) {
      const { exportClause } = node;
      const names = exportClause && isNamedExports(exportClause) ? exportClause.elements.map(exported) : ['*'];
      addImport('export from', node.moduleSpecifier, names);
    } else if (isImportEqualsDeclaration(node) && isExternalModuleReference(node.moduleReference)) {
      addImport('require()', node.moduleReference.expression);
    } else if (isImportTypeNode(node) && isLiteralTypeNode(node.argument)) {
      addImport('type import()', node.argument.literal);
    } else if (isCallExpression(node)) {
      const [first] = node.arguments;
      if (node.expression.kind === SyntaxKind.ImportKeyword) addImport('dynamic import()', first ?? node);
      else if (isIdentifier(node.expression) && node.expression.text === 'require' && first)
        addImport('require()', first);
    }
    if (isProcessEnv(node)) facts.envReads.push({ line: lineOf(node), use: envUse(node) });
    node.forEachChild((child) => void visit(child));
  };
  visit(file);
  // `import { env } from 'node:process'` is a read of the environment under another name.
  for (const { specifier, names, line } of facts.imports)
    if ((specifier === 'process' || specifier === 'node:process') && names.includes('env'))
      facts.envReads.push({ line, use: `import of env from ${specifier}` });
  return facts;
}

function importedNames(node: ImportDeclaration): string[] {
  const clause = node.importClause;
  const names = clause?.name ? ['default'] : [];
  const bindings = clause?.namedBindings;
  if (bindings && isNamespaceImport(bindings)) names.push('*');
  if (bindings && isNamedImports(bindings)) names.push(...bindings.elements.map(exported));
  return names;
}

/** The name as the other module exports it: `b` in `{ b as c }`. */
function exported(specifier: ImportSpecifier | ExportSpecifier): string {
  const name = specifier.propertyName ?? specifier.name;
  return isIdentifier(name) ? name.text : (literalText(name) ?? '');
}

function literalText(node: Node): string | undefined {
  return isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}
