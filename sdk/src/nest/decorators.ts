import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import type { VerifiedKey as VerifiedKeyShape } from './key-checker.js';
import { KEY_PERMISSIONS, KeywardGuard, VERIFIED_KEY } from './keyward.guard.js';

/** The route needs a client key that Keyward vouches for and that holds every one of `permissions`. */
export const RequireKeyPermissions = (...permissions: string[]) => applyDecorators(SetMetadata(KEY_PERMISSIONS, permissions), UseGuards(KeywardGuard));

/** The key the guard verified: `{keyId, keyPrefix, workspaceId, owner, permissions, metadata, expiresAt}`. */
export type VerifiedKey = VerifiedKeyShape;

/** The parameter gets the key the guard verified: `@VerifiedKey() key: VerifiedKey`. */
export const VerifiedKey = createParamDecorator((_data: unknown, context: ExecutionContext): VerifiedKeyShape => {
  const verified = context.switchToHttp().getRequest<{ [VERIFIED_KEY]?: VerifiedKeyShape }>()[VERIFIED_KEY];
  if (!verified) throw new Error('@VerifiedKey() needs the KeywardGuard on the route (@RequireKeyPermissions)');
  return verified;
});
