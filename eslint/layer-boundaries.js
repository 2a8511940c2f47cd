// A local ESLint rule for the architecture of src/ (README "Code map"): each folder sits in one
// layer and imports only from its own layer or lower ones, and a feature reaches into another
// feature only through what that feature's Nest module exports. Type-only imports are erased at
// build time and couple nothing at run time, so they are not checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Lowest first. A folder not listed is a feature. */
export const LAYERS = [
  { name: 'infrastructure', folders: ['common', 'config', 'database', 'redis', 'metrics', 'logging', 'counters', 'http'] },
  { name: 'audit writing', folders: ['audit/chain'] },
  { name: 'access', folders: ['access'] },
  { name: 'features', folders: null },
  { name: 'app', folders: [''] },
];

/** `src/<folder>/…` → the unit the layers speak of: a top-level folder, or audit's sub-folders. */
export function unitOf(srcRelativePath) {
  const parts = srcRelativePath.split(sep).join('/').split('/');
  if (parts.length === 1) return '';
  if (parts[0] === 'audit' && parts.length > 2) return `audit/${parts[1]}`;
  return parts[0];
}

export function layerOf(unit) {
  const index = LAYERS.findIndex((layer) => layer.folders?.includes(unit));
  return index === -1 ? LAYERS.findIndex((layer) => layer.folders === null) : index;
}

/** The feature a unit belongs to (audit/review and audit/detectors are both "audit"). */
const featureOf = (unit) => unit.split('/')[0];

/** Files whose classes or tokens a feature's *.module.ts lists under `exports:`, plus the module files. */
function exportedFiles(featureDir) {
  const files = new Set();
  const moduleFiles = [];
  const walk = (dir) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const path = join(dir, name);
      if (name.endsWith('.module.ts')) moduleFiles.push(path);
      else if (!name.includes('.')) walk(path);
    }
  };
  walk(featureDir);
  for (const moduleFile of moduleFiles) {
    files.add(moduleFile);
    const source = readFileSync(moduleFile, 'utf8');
    const exported = [...source.matchAll(/exports:\s*\[([^\]]*)\]/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()).filter(Boolean));
    for (const match of source.matchAll(/import\s+\{([^}]*)\}\s+from\s+'(\.[^']+)'/g)) {
      const names = match[1].split(',').map((s) => s.trim().replace(/^type\s+/, ''));
      if (names.some((name) => exported.includes(name))) files.add(toTs(resolve(dirname(moduleFile), match[2])));
    }
  }
  return files;
}

const toTs = (path) => path.replace(/\.js$/, '.ts');

const cache = new Map();
function exportedFilesCached(featureDir) {
  if (!cache.has(featureDir)) cache.set(featureDir, exportedFiles(featureDir));
  return cache.get(featureDir);
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'src/ imports respect the layers and go between features only through exported providers' },
    schema: [{ type: 'object', properties: { srcDir: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const srcDir = resolve(context.cwd, context.options[0]?.srcDir ?? 'src');
    const file = context.filename;
    const fromRelative = relative(srcDir, file);
    if (fromRelative.startsWith('..') || /\.spec\.tsx?$/.test(file)) return {};
    const fromUnit = unitOf(fromRelative);
    const fromLayer = layerOf(fromUnit);

    function check(node, source, typeOnly) {
      if (typeOnly || typeof source !== 'string' || !source.startsWith('.')) return;
      const target = toTs(resolve(dirname(file), source));
      const targetRelative = relative(srcDir, target);
      if (targetRelative.startsWith('..')) return;
      const toUnit = unitOf(targetRelative);
      if (toUnit === fromUnit) return;
      const toLayer = layerOf(toUnit);
      if (toLayer > fromLayer) {
        context.report({ node, message: `${fromUnit || 'src'} (${LAYERS[fromLayer].name}) must not import ${toUnit} (${LAYERS[toLayer].name}): a lower layer never depends on a higher one` });
        return;
      }
      const features = LAYERS[fromLayer].folders === null && LAYERS[toLayer].folders === null;
      // An entity may name another feature's entity in a relation, and a response schema may nest
      // another's: both describe shapes (a table, a body), not behaviour.
      const sameKind = ['.entity.ts', '.responses.ts'].some((kind) => file.endsWith(kind) && target.endsWith(kind));
      if (features && !sameKind && featureOf(fromUnit) !== featureOf(toUnit)) {
        const allowed = exportedFilesCached(join(srcDir, featureOf(toUnit)));
        if (!allowed.has(target)) {
          context.report({ node, message: `${fromUnit} may use ${toUnit} only through what its module exports (${relative(srcDir, target)} is not exported)` });
        }
      }
    }

    const isTypeOnly = (node) => node.importKind === 'type' || node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    };
  },
};
