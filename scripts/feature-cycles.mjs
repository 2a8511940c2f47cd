#!/usr/bin/env node
// Lists the pairs of src/ folders that import *values* from each other (type-only imports are
// erased at build time and do not couple modules at run time). Exits 1 when there is any, so CI
// keeps the module graph acyclic between feature folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) yield path;
  }
}

/**
 * The folder under src/ a file belongs to ('' for files directly in src/): a top-level folder,
 * or one of audit's, whose chain/ is a lower layer than its review/ (as in eslint/layer-boundaries.js).
 */
function folderOf(file) {
  const parts = relative(root, file).split(sep);
  if (parts.length === 1) return '';
  return parts[0] === 'audit' && parts.length > 2 ? `audit/${parts[1]}` : parts[0];
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"](\.[^'"]+)['"]/gm;

/** Relative imports of a file that bring in at least one value (not `import type`, not all `type X`). */
export function valueImports(source) {
  const targets = [];
  for (const match of source.matchAll(IMPORT)) {
    const [, , typeOnly, clause, target] = match;
    if (typeOnly) continue;
    const named = clause.match(/\{([^}]*)\}/);
    const hasDefaultOrNamespace = clause.replace(/\{[^}]*\}/, '').replace(/[\s,]/g, '').length > 0;
    const namedValues = named ? named[1].split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type ')) : [];
    if (hasDefaultOrNamespace || namedValues.length > 0 || clause === '*') targets.push(target);
  }
  return targets;
}

const edges = new Map(); // "from -> to" → example file
for (const file of sourceFiles(root)) {
  const from = folderOf(file);
  for (const target of valueImports(readFileSync(file, 'utf8'))) {
    const to = folderOf(resolve(dirname(file), target));
    if (!from || !to || from === to) continue;
    const edge = `${from} -> ${to}`;
    if (!edges.has(edge)) edges.set(edge, relative(root, file));
  }
}

const cycles = [];
for (const edge of edges.keys()) {
  const [from, to] = edge.split(' -> ');
  if (from < to && edges.has(`${to} -> ${from}`)) cycles.push([from, to]);
}

if (cycles.length === 0) {
  console.log(`No value imports in both directions between src/ folders (${edges.size} one-way edges).`);
} else {
  console.log(`${cycles.length} pairs of src/ folders import values from each other:`);
  for (const [a, b] of cycles) console.log(`  ${a} <-> ${b}   (${edges.get(`${a} -> ${b}`)}; ${edges.get(`${b} -> ${a}`)})`);
  process.exitCode = 1;
}
