import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';

const root = resolve(import.meta.dirname, '..');

/** What the project's own ESLint configuration says about `code` placed at `filePath`: the layer rule's messages. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.filter((message) => message.ruleId === 'keyward/layers').map((message) => message.message);
}

describe('the layer rule (eslint/layer-boundaries.js, on for src/)', () => {
  it('fails an infrastructure file importing a feature', async () => {
    const errors = await layerErrors('src/config/fixture.ts', `import { UsersService } from '../users/users.service.js';\nexport const users = UsersService;\n`);
    expect(errors).toEqual([expect.stringContaining('config (infrastructure) must not import users (features)')]);
  });

  it('fails audit writing importing access, and access importing a feature', async () => {
    expect(await layerErrors('src/audit/chain/fixture.ts', `export { hasPermission } from '../../access/permissions.js';\n`)).toHaveLength(1);
    expect(await layerErrors('src/access/fixture.ts', `import { RolesService } from '../roles/roles.service.js';\nexport const roles = RolesService;\n`)).toHaveLength(1);
  });

  it('fails a feature importing a file another feature’s module does not export', async () => {
    const errors = await layerErrors('src/contents/fixture.ts', `import { toUserSnapshot } from '../users/user-snapshot.js';\nexport const snapshot = toUserSnapshot;\n`);
    expect(errors).toEqual([expect.stringContaining('users/user-snapshot.ts is not exported')]);
  });

  it('passes a feature importing a provider another feature’s module exports, and the module itself', async () => {
    const code = `import { UserSnapshots } from '../users/user-snapshots.js';\nimport { UsersModule } from '../users/users.module.js';\nexport const used = [UserSnapshots, UsersModule];\n`;
    expect(await layerErrors('src/contents/fixture.ts', code)).toEqual([]);
  });

  it('passes type-only imports, from any layer', async () => {
    const code = `import type { UserRoleRow } from '../users/user-snapshot.js';\nimport { type Role } from '../roles/role.entity.js';\nexport type Rows = [UserRoleRow, Role];\n`;
    expect(await layerErrors('src/config/fixture.ts', code)).toEqual([]);
    expect(await layerErrors('src/contents/fixture.ts', code)).toEqual([]);
  });

  it('passes lower layers, the app importing anything, and a feature’s own sub-folders', async () => {
    expect(await layerErrors('src/users/fixture.ts', `export { AuditLog } from '../audit/chain/audit-log.js';\nexport { hasPermission } from '../access/permissions.js';\n`)).toEqual([]);
    expect(await layerErrors('src/fixture.ts', `export { ApiKeyRecords } from './api-keys/verification/api-key.records.js';\n`)).toEqual([]);
    expect(await layerErrors('src/api-keys/fixture.ts', `export { ApiKeyRecords } from './verification/api-key.records.js';\n`)).toEqual([]);
  });
});

type ModuleClass = abstract new (...args: never[]) => unknown;
interface Imported {
  module?: ModuleClass;
  imports?: unknown[];
  global?: boolean;
}

function* moduleFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* moduleFiles(path);
    else if (entry.name.endsWith('.module.ts')) yield path;
  }
}

/** @Module() stores only the keys it is given. */
const isNestModule = (value: object) => ['imports', 'providers', 'controllers', 'exports'].some((key) => Reflect.hasOwnMetadata(key, value));

/** Every Nest module class defined in src/, by its file. */
async function sourceModules(): Promise<Map<ModuleClass, string>> {
  const modules = new Map<ModuleClass, string>();
  for (const file of moduleFiles(join(root, 'src'))) {
    for (const value of Object.values(await import(file))) {
      if (typeof value === 'function' && isNestModule(value)) modules.set(value as ModuleClass, relative(root, file));
    }
  }
  return modules;
}

const importsOf = (module: ModuleClass | Imported): unknown[] =>
  typeof module === 'function' ? (Reflect.getMetadata('imports', module) ?? []) : [...(module.imports ?? []), ...(module.module ? importsOf(module.module) : [])];

function reachable(from: ModuleClass | Imported, seen = new Set<ModuleClass>()): Set<ModuleClass> {
  for (const imported of importsOf(from) as Array<ModuleClass | Imported>) {
    const module = typeof imported === 'function' ? imported : imported.module;
    if (!module || seen.has(module)) continue;
    seen.add(module);
    reachable(imported, seen);
  }
  return seen;
}

describe('the module graph', () => {
  const app = AppModule.forRoot({ benchRoutes: true } as AppConfig);

  it('marks only the database, Redis and metrics modules @Global (configuration is global through ConfigModule)', async () => {
    const global = [...(await sourceModules())].filter(([module]) => Reflect.getMetadata('__module:global__', module)).map(([, file]) => file);
    expect(global.sort()).toEqual(['src/database/database.module.ts', 'src/metrics/metrics.module.ts', 'src/redis/redis.module.ts']);
    expect(app.global).toBeFalsy();
  });

  it('has AppModule import every module in src/, directly except the two lower ones imported where used', async () => {
    const direct = new Set((app.imports as Array<ModuleClass | Imported>).map((imported) => (typeof imported === 'function' ? imported : imported.module)));
    const indirect = ['src/audit/chain/audit-log.module.ts', 'src/counters/counters.module.ts'];
    for (const [module, file] of await sourceModules()) {
      if (module === AppModule) continue;
      expect({ file, imported: indirect.includes(file) ? reachable(app).has(module) : direct.has(module) }).toEqual({ file, imported: true });
    }
  });
});
