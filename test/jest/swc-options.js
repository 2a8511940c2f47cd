// The one description of how TypeScript becomes JavaScript in tests: for @swc/jest (jest.config.js)
// and for the loader that lets the global setup import the sources (ts-loader.mjs). Legacy decorators
// with decorator metadata and no define-semantics for class fields, as tsconfig.json: Nest's DI and
// property decorators need them.

/** @param {{ tsx?: boolean }} [options] */
export function swcOptions({ tsx = false } = {}) {
  return {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', tsx, decorators: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        useDefineForClassFields: false,
        ...(tsx ? { react: { runtime: 'automatic' } } : {}),
      },
      keepClassNames: true,
    },
    sourceMaps: 'inline',
  };
}
