// Loads Nest's ES modules by file path (which the esm-bridge mapping does not catch) before any test
// file, so that '@nestjs/common' and '@nestjs/core' resolve to these instances everywhere: see
// esm-bridge/esm-namespace.cjs for why.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BRIDGED_PACKAGES = ['@nestjs/common', '@nestjs/core'] as const;

const root = join(import.meta.dirname, '..', '..');
const namespaces: Record<string, unknown> = {};
(globalThis as Record<symbol, unknown>)[Symbol.for('keyward.test.esm-namespaces')] = namespaces;
// In order: @nestjs/core imports @nestjs/common.
for (const name of BRIDGED_PACKAGES) {
  namespaces[name] = await import(pathToFileURL(join(root, 'node_modules', name, 'index.js')).href);
}
