export { KeywardModule, type KeywardModuleAsyncOptions } from './keyward.module.js';
export { KeywardGuard, KEY_PERMISSIONS, VERIFIED_KEY } from './keyward.guard.js';
export { RequireKeyPermissions, VerifiedKey } from './decorators.js';
export { KeyChecker } from './key-checker.js';
export { MAX_CACHE_TTL_MS, type KeywardGuardOptions } from './guard-options.js';
