// One Jest config, three projects (unit, web, e2e), run as native ES modules: Nest 12 ships only ESM,
// so `npm test` starts Jest with `node --experimental-vm-modules` (as Nest's ESM sample does).
// TypeScript goes through @swc/jest with legacy decorators and decorator metadata, which Nest's DI needs.
import { availableParallelism } from 'node:os';
import { swcOptions } from './test/jest/swc-options.js';

const swc = (options) => ['@swc/jest', swcOptions(options)];

// ESM-only packages that CommonJS dependencies require(): Node 20 loads them (require(esm)), Jest's
// runtime does so only on Node 24.9+, so Jest compiles them to CommonJS when they are required.
// (cookie: light-my-request's, behind Fastify's inject().)
const REQUIRED_ESM_PACKAGES = ['content-disposition', 'cookie'];
const requiredEsm = { [`/node_modules/(${REQUIRED_ESM_PACKAGES.join('|')})/.+\\.js$`]: swc() };

// Jest's runtime can require() an ES module only on Node 24.9+; below that, CommonJS packages that
// require Nest (@nestjs/throttler, nestjs-pino) get Nest's one ES module instance through a bridge
// (test/jest/esm-bridge/esm-namespace.cjs says why).
const [major, minor] = process.versions.node.split('.').map(Number);
const requireEsmWorks = major > 24 || (major === 24 && minor >= 9);
const nestBridge = requireEsmWorks
  ? { moduleNameMapper: {}, setupFiles: [] }
  : {
      moduleNameMapper: { '^(@nestjs/common|@nestjs/core)$': '<rootDir>/test/jest/esm-bridge/$1.cjs' },
      setupFiles: ['<rootDir>/test/jest/nest-esm-bridge.ts'],
    };

// Node's conditions, and the one that resolves @keyward/sdk to its TypeScript sources (sdk/package.json
// exports): specs test the SDK as it is written, with no build first. test/sdk/package.e2e-spec.ts
// imports the built package in plain Node.
const nodeEnvironment = { testEnvironment: 'node', testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'keyward-source'] } };

const shared = {
  transformIgnorePatterns: [`/node_modules/(?!(${REQUIRED_ESM_PACKAGES.join('|')})/)`],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  // Sources import `./x.js` (Node ESM resolution of TypeScript); Jest resolves the `.ts` file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Vitest's fake timers leave process.nextTick and queueMicrotask real; so do ours.
  fakeTimers: { doNotFake: ['nextTick', 'queueMicrotask'] },
  setupFilesAfterEnv: ['<rootDir>/test/jest/expect-message.ts'],
};

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      ...nodeEnvironment,
      roots: ['<rootDir>/src', '<rootDir>/test/jest', '<rootDir>/sdk/src'],
      // test/jest: the checks on the test suite itself (future-dates.spec.ts)
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/jest/**/*.spec.ts', '<rootDir>/sdk/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc(), ...requiredEsm },
      // Specs that compile the real modules (permissions.guard.spec.ts) load @nestjs/throttler too.
      moduleNameMapper: { ...shared.moduleNameMapper, ...nestBridge.moduleNameMapper },
      setupFiles: nestBridge.setupFiles,
    },
    {
      ...shared,
      displayName: 'web',
      testEnvironment: '@happy-dom/jest-environment',
      roots: ['<rootDir>/web/src'],
      testMatch: ['<rootDir>/web/src/**/*.spec.{ts,tsx}'],
      transform: { '^.+\\.tsx?$': swc({ tsx: true }), ...requiredEsm },
      moduleNameMapper: { ...shared.moduleNameMapper, '\\.css$': '<rootDir>/test/jest/style-stub.js' },
    },
    {
      ...shared,
      displayName: 'e2e',
      ...nodeEnvironment,
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc(), ...requiredEsm },
      globalSetup: '<rootDir>/test/jest/global-setup.mjs',
      globalTeardown: '<rootDir>/test/jest/global-teardown.mjs',
      moduleNameMapper: { ...shared.moduleNameMapper, ...nestBridge.moduleNameMapper },
      setupFiles: nestBridge.setupFiles,
      setupFilesAfterEnv: [...shared.setupFilesAfterEnv, '<rootDir>/test/jest/e2e-timeouts.ts'],
    },
  ],
  // e2e files are isolated (each clones its own database) and mostly wait on PostgreSQL and HTTP,
  // so they run in parallel even on two cores; Jest's default (cores - 1) would run them one by one.
  maxWorkers: Math.max(2, availableParallelism()),
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts', 'sdk/src/**/*.ts', 'web/src/**/*.{ts,tsx}', '!**/*.spec.{ts,tsx}', '!web/src/test-support/**', '!sdk/src/generated/**'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageDirectory: 'coverage',
};
