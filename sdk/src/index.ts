export { Keyward } from './keyward.js';
export { WorkspaceScope } from './workspace-scope.js';
export { KeywardError, type KeywardErrorInit } from './errors.js';
export { Paginated } from './pagination.js';
export type { CallOptions, Credentials, KeywardOptions } from './options.js';
export { DEFAULT_RETRY, type RetryOptions, type RetrySetting } from './retry.js';
export type { SecondFactor } from './resources/auth.js';
export type * from './types.js';
