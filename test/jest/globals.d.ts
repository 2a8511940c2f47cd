// Jest injects these into every test file. `jest` itself is not injected under native ESM: a file
// that mocks imports it from '@jest/globals', which is why it is missing here.
import type * as jestGlobals from '@jest/globals';

/** Jest's expect, plus Vitest's optional message (test/jest/expect-message.ts). */
type ExpectWithMessage = typeof jestGlobals.expect & (<T>(actual: T, message?: string) => ReturnType<typeof jestGlobals.expect<T>>);

declare global {
  const describe: typeof jestGlobals.describe;
  const it: typeof jestGlobals.it;
  const test: typeof jestGlobals.test;
  const expect: ExpectWithMessage;
  const beforeAll: typeof jestGlobals.beforeAll;
  const afterAll: typeof jestGlobals.afterAll;
  const beforeEach: typeof jestGlobals.beforeEach;
  const afterEach: typeof jestGlobals.afterEach;
}

export {};
