// Jest's runtime cannot require() an ES module before Node 24.9, and @nestjs/throttler and nestjs-pino
// are CommonJS packages that require() Nest 12, which ships only ES modules. Compiling Nest to
// CommonJS for them would give two copies of Nest (two Reflectors, two HttpExceptions), so instead
// both kinds of importer get the namespace of the one ES module instance nest-esm-bridge.ts loaded.
module.exports = function esmNamespace(name) {
  const namespaces = globalThis[Symbol.for('keyward.test.esm-namespaces')];
  const namespace = namespaces?.[name];
  if (!namespace) throw new Error(`${name} was required before test/jest/nest-esm-bridge.ts loaded it`);
  return namespace;
};
