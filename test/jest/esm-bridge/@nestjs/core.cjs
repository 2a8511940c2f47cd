// '@nestjs/core' for every importer in e2e tests: the one ES module instance, loaded by nest-esm-bridge.ts.
module.exports = require('../esm-namespace.cjs')('@nestjs/core');
