import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { operationIdOf } from './openapi.js';

describe('operationIdOf', () => {
  it('keeps the plain id for a handler on one path and for the un-prefixed path of a workspace resource', () => {
    expect(operationIdOf('UsersController', 'list')).toBe('UsersController_list');
    expect(operationIdOf('ApiKeysController', 'create[0]')).toBe('ApiKeysController_create');
  });

  it('names the /workspaces/{ws}/ alias InWorkspace', () => {
    expect(operationIdOf('ApiKeysController', 'create[1]')).toBe('ApiKeysController_createInWorkspace');
  });
});

/** Every `@ApiSchema({ name: '…' })` in src/, with the class it decorates (the next `class` after it). */
function namedSchemas(): Array<{ name: string; file: string; decorates: string }> {
  const root = resolve(import.meta.dirname, '..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
  return files.flatMap((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return [...source.matchAll(/@ApiSchema\(\{ name: '([^']+)' \}\)(?=[\s\S]*?\bclass (\w+))/g)].map((match) => ({ name: match[1], file, decorates: match[2] }));
  });
}

describe('named OpenAPI schemas', () => {
  // Swagger keeps the last class registered under a name and says nothing: a second class named
  // alike, or a name stacked onto the wrong class, silently changes the document and the SDK types.
  it('give every schema name to one class only', () => {
    const schemas = namedSchemas();
    expect(schemas.length).toBeGreaterThan(30);
    const byName = new Map<string, string[]>();
    for (const schema of schemas) byName.set(schema.name, [...(byName.get(schema.name) ?? []), `${schema.file}: ${schema.decorates}`]);
    expect([...byName].filter(([, classes]) => classes.length > 1)).toEqual([]);
  });

  it('give no class two names', () => {
    const byClass = new Map<string, string[]>();
    for (const schema of namedSchemas()) byClass.set(`${schema.file}: ${schema.decorates}`, [...(byClass.get(`${schema.file}: ${schema.decorates}`) ?? []), schema.name]);
    expect([...byClass].filter(([, names]) => names.length > 1)).toEqual([]);
  });
});
