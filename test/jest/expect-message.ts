import { expect as jestExpect } from '@jest/globals';

// Vitest's expect(actual, message) names what failed; Jest's expect takes one argument and throws on
// a second. This keeps the message: the matchers are Jest's, and a failure's text starts with it.

const WRAPPER_FILE = 'test/jest/expect-message.ts';

function withMessage<T extends object>(matchers: T, message: string): T {
  return new Proxy(matchers, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          try {
            const result = value.apply(target, args);
            return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(prefixed(error, message))) : result;
          } catch (error) {
            throw prefixed(error, message);
          }
        };
      }
      // .not, .resolves, .rejects
      return value !== null && typeof value === 'object' ? withMessage(value, message) : value;
    },
  });
}

function prefixed(error: unknown, message: string): unknown {
  if (error instanceof Error) {
    error.message = `${message}\n\n${error.message}`;
    // Jest shows the first frame of the stack: the test's line, not this wrapper's.
    const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !line.includes(WRAPPER_FILE));
    error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n');
  }
  return error;
}

function expect(actual: unknown, message?: string) {
  const matchers = jestExpect(actual);
  return message === undefined ? matchers : withMessage(matchers, message);
}

(globalThis as unknown as { expect: unknown }).expect = Object.assign(expect, jestExpect);
