// Copies the workspace page's browser files (plain .js modules and .css, which tsc does not emit) next to the
// compiled server in dist/, where src/devtools/workspace/page/assets.ts reads them at run time.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../src/devtools/workspace/page/browser/', import.meta.url));
const to = fileURLToPath(new URL('../dist/devtools/workspace/page/browser/', import.meta.url));

mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((name) => /\.(js|css)$/.test(name));
for (const name of files) copyFileSync(from + name, to + name);
console.error(`copy-page-assets: ${files.length} files → ${to}`);
