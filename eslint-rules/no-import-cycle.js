// No import cycle: reports an import when the imported module leads back, import by import, to the
// file importing it. Every import counts — `import type`, `export … from` and `import()` too — since
// a cycle through a type is still two modules that each need the other to be understood; the fix
// is the same (move the shared part down). import-x/no-cycle and import/no-cycle skip type-only
// imports with no option not to, so they miss exactly such cycles; hence this rule.
//
// Only relative specifiers are followed (packages cannot import us back), ESM `./x.js` naming
// `./x.ts` or `./x.tsx`. Other files' imports are read with TypeScript's own import scanner
// (ts.preProcessFile: no type checking, ~0.1 ms a file), cached by modification time.
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** @type {Map<string, { mtimeMs: number, imports: string[] }>} */
const cache = new Map();

const candidates = (target) => {
  const stem = target.replace(/\.(m?js|jsx)$/, '');
  return stem === target
    ? [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`]
    : [`${stem}.ts`, `${stem}.tsx`, target];
};

/** The file a relative specifier in `from` names, or undefined (a package, or no such file). */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  for (const path of candidates(resolve(dirname(from), specifier))) {
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      /* try the next */
    }
  }
  return undefined;
}

/** The files `file` imports, resolved (read from disk, cached while the file is unchanged). */
function importsOf(file) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.imports;
  const scanned = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
  const imports = scanned.map((f) => resolveSpecifier(file, f.fileName)).filter(Boolean);
  cache.set(file, { mtimeMs, imports });
  return imports;
}

/** The shortest chain of imports from `start` back to `goal` (both included), or undefined. */
function pathBack(start, goal) {
  const parent = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    for (const next of importsOf(at)) {
      if (parent.has(next)) continue;
      parent.set(next, at);
      if (next === goal) {
        const chain = [];
        for (let step = next; step !== undefined; step = parent.get(step)) chain.unshift(step);
        return chain;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only and dynamic imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveSpecifier(file, source.value);
      if (!target || target === file) return;
      const chain = pathBack(target, file);
      if (!chain) return;
      const names = [file, ...chain].map((p) => relative(context.cwd, p));
      context.report({ node, messageId: 'cycle', data: { chain: names.join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
