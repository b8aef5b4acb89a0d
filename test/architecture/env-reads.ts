import {
  isCallExpression,
  isElementAccessExpression,
  isIdentifier,
  isNoSubstitutionTemplateLiteral,
  isObjectBindingPattern,
  isParameterDeclaration,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteral,
  isVariableDeclaration,
  type Node,
} from 'typescript/unstable/ast';

export interface EnvReadFact {
  line: number;
  /**
   * What the code does with `process.env`, when it only hands the whole object on: `argument of loadConfig()`,
   * `default of parameter env`, `value of property env`. Anything else (reading a variable) is `read`.
   */
  use: string;
}

/** `process.env`, `process['env']` and `globalThis.process.env`; destructuring `{ env } = process` too. */
export function isProcessEnv(node: Node): boolean {
  const isProcess = (n: Node) =>
    (isIdentifier(n) && n.text === 'process') ||
    (isPropertyAccessExpression(n) && isIdentifier(n.name) && n.name.text === 'process');
  if (isPropertyAccessExpression(node))
    return isIdentifier(node.name) && node.name.text === 'env' && isProcess(node.expression);
  if (isElementAccessExpression(node)) {
    const key = node.argumentExpression;
    const literal = isStringLiteral(key) || isNoSubstitutionTemplateLiteral(key);
    return literal && key.text === 'env' && isProcess(node.expression);
  }
  if (!isVariableDeclaration(node) || !node.initializer || !isProcess(node.initializer)) return false;
  const { name } = node;
  const named = (n: Node | undefined) => !!n && isIdentifier(n) && n.text === 'env';
  return isObjectBindingPattern(name) && name.elements.some((e) => named(e.propertyName ?? e.name));
}

/** How `process.env` is handed on when the code passes the whole object; `read` for anything else. */
export function envUse(node: Node): string {
  const { parent } = node;
  const nameOf = (n: Node | undefined) => (n && isIdentifier(n) ? n.text : '?');
  if (isCallExpression(parent) && parent.arguments.some((a) => a === node)) {
    const callee = parent.expression;
    return `argument of ${isPropertyAccessExpression(callee) ? nameOf(callee.name) : nameOf(callee)}()`;
  }
  if (isParameterDeclaration(parent) && parent.initializer === node)
    return `default of parameter ${nameOf(parent.name)}`;
  if (isPropertyAssignment(parent) && parent.initializer === node) return `value of property ${nameOf(parent.name)}`;
  return 'read';
}
