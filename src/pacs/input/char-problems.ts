import { InputProblem } from './input-result.js';

/** The first offending character of a value: which problem, its 1-based position and code point. */
export interface CharProblem {
  problem: InputProblem;
  position: number;
  codePoint: number;
}

const querySyntax: Record<string, string> = {
  '&': 'an ampersand',
  '=': 'an equals sign',
  ',': 'a comma',
  '\\': 'a backslash',
  '^': 'a caret',
  '#': 'a hash sign',
  '%': 'a percent sign',
};

/** Zero-width and bidi formatting characters: U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+FEFF. */
export function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff
  );
}

function classify(ch: string, cp: number): InputProblem | undefined {
  if (cp === 0) return InputProblem.Nul;
  if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') return InputProblem.Whitespace;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return InputProblem.Control;
  if (isInvisible(cp)) return InputProblem.Invisible;
  if (/^\s$/u.test(ch)) return InputProblem.Whitespace;
  if (ch === '*' || ch === '?') return InputProblem.Wildcard;
  if (ch === '%') return InputProblem.Encoded;
  if (ch in querySyntax) return InputProblem.QuerySyntax;
  return undefined;
}

/**
 * Finds the first character that may never appear in an identifier, whatever the site's pattern says.
 *
 * @example `findCharProblem('A12*')` → `{ problem: 'wildcard', position: 4, codePoint: 42 }`
 */
export function findCharProblem(value: string): CharProblem | undefined {
  let position = 0;
  for (const ch of value) {
    position++;
    const cp = ch.codePointAt(0) ?? 0;
    const problem = classify(ch, cp);
    if (problem) return { problem, position, codePoint: cp };
  }
  return undefined;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** A message that names the character class and position, never the value itself. */
export function describeCharProblem(label: string, found: CharProblem): string {
  const at = `at position ${found.position}`;
  switch (found.problem) {
    case InputProblem.Nul:
    case InputProblem.Control:
      return `The ${label} contains a control character (${hex(found.codePoint)}) ${at}. Retype it instead of pasting it.`;
    case InputProblem.Invisible:
      return `The ${label} contains an invisible formatting character (zero-width or text-direction mark, ${hex(found.codePoint)}) ${at}. Retype it instead of pasting it.`;
    case InputProblem.Whitespace:
      return `The ${label} contains a space ${at}. Give one ${label} with no spaces inside.`;
    case InputProblem.Wildcard:
      return `Wildcards (* and ?) are not allowed in an ${label}. Give the exact, complete ${label}.`;
    case InputProblem.Encoded:
      return `The ${label} contains a percent sign ${at}; it looks URL-encoded. Type it as printed on the order.`;
    default:
      return `The ${label} contains ${querySyntax[String.fromCodePoint(found.codePoint)] ?? 'a character that is not allowed'} ${at}. Give one ${label} only, without query syntax or separators.`;
  }
}
