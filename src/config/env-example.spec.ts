import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { parseConfig } from './app-config.js';
import type { Env } from './env-parsers.js';

/** Every variable parseConfig looks at, recorded as it reads them. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const given: Env = { JWT_SECRET: 'j'.repeat(32), KEY_HASH_SECRET: 'k'.repeat(32) };
  const env = new Proxy(given, {
    get: (target, name) => {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  parseConfig(env, () => ({ jwtSecret: 'generated', keyHashSecret: 'generated' }));
  return read;
}

function variablesDocumented(): Set<string> {
  const text = readFileSync(join(projectRoot(), '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
}

describe('.env.example', () => {
  it('lists every variable the config parser reads', () => {
    const read = variablesRead();
    expect(read).toContain('PORT');
    expect(read).toContain('DATABASE_URL');
    const documented = variablesDocumented();
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('lists no variable the config parser ignores', () => {
    const read = variablesRead();
    expect([...variablesDocumented()].filter((name) => !read.has(name))).toEqual([]);
  });
});
