// Node module hooks for the e2e global setup only. Jest runs globalSetup in its own Node process,
// outside the ESM runtime that applies `transform` and `moduleNameMapper` to the tests, so without
// these it could not import the TypeScript sources (`./x.js` meaning `./x.ts`) that run migrations.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';
import { swcOptions } from './swc-options.js';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relativeJs = /^\.{1,2}\/.*\.js$/.test(specifier);
    if (!relativeJs || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code } = await transform(await readFile(filename, 'utf8'), { ...swcOptions(), filename, module: { type: 'es6' } });
  return { format: 'module', source: code, shortCircuit: true };
}
