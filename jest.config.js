// One Jest config, three projects (unit, web, e2e), run as native ES modules: Nest 12 ships only ESM,
// so `npm test` starts Jest with `node --experimental-vm-modules` (as Nest's ESM sample does).
// TypeScript goes through @swc/jest with legacy decorators and decorator metadata, which Nest's DI needs.

/** @param {{ tsx?: boolean }} [options] */
function swc({ tsx = false } = {}) {
  return [
    '@swc/jest',
    {
      jsc: {
        target: 'es2023',
        parser: { syntax: 'typescript', tsx, decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          useDefineForClassFields: false, // as tsconfig.json: Nest's property decorators need it
          ...(tsx ? { react: { runtime: 'automatic' } } : {}),
        },
        keepClassNames: true,
      },
      sourceMaps: 'inline',
    },
  ];
}

const shared = {
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
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc() },
    },
    {
      ...shared,
      displayName: 'web',
      testEnvironment: '@happy-dom/jest-environment',
      roots: ['<rootDir>/web/src'],
      testMatch: ['<rootDir>/web/src/**/*.spec.{ts,tsx}'],
      transform: { '^.+\\.tsx?$': swc({ tsx: true }) },
      moduleNameMapper: { ...shared.moduleNameMapper, '\\.css$': '<rootDir>/test/jest/style-stub.js' },
    },
    {
      ...shared,
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc() },
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFilesAfterEnv: [...shared.setupFilesAfterEnv, '<rootDir>/test/jest/e2e-timeouts.ts'],
    },
  ],
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}', '!**/*.spec.{ts,tsx}', '!web/src/test-support/**'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageDirectory: 'coverage',
};
