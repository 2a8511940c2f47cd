import { jest } from '@jest/globals';

// The e2e timeouts Vitest had: 60 s per test, 120 s per hook (starting an app on a cloned database,
// spawning the built service). Jest has one timeout for both, so hooks get theirs here unless they
// pass their own.
const TEST_TIMEOUT_MS = 60_000;
const HOOK_TIMEOUT_MS = 120_000;

jest.setTimeout(TEST_TIMEOUT_MS);

type Hook = (fn: (...args: never[]) => unknown, timeout?: number) => void;
const hooks = globalThis as unknown as Record<'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach', Hook>;
for (const name of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'] as const) {
  const original = hooks[name];
  hooks[name] = (fn, timeout = HOOK_TIMEOUT_MS) => original(fn, timeout);
}
