import { type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../access/access.decorators.js';
import { type CredentialVerifier, VerifiesCredential } from '../../access/credential-verifiers.js';
import { credentialOf, type PresentedCredential } from '../../access/credentials.js';
import { effectivePermissions } from '../../access/permissions.js';
import type { OAuthPrincipal, UserSnapshot } from '../../access/principal.js';
import { AppError } from '../../common/errors/app-error.js';
import { UserSnapshots } from '../../users/user-snapshots.js';
import { AccessTokenRecords, type VerifiableAccessToken } from './access-token-records.js';

/** oidc-provider's opaque access tokens: 256 random bits in base64url (its default `bitsOfOpaqueRandomness`). */
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * OAuth access tokens (API.md §11) as `Authorization: Bearer`: found through the provider (so a
 * revoked, expired or reused-grant token is gone; cached, warm checks run no query), then its
 * app's workspace and its user, who must still be active. Membership is checked where the workspace of the call is resolved, on
 * every request, so a removed member's tokens stop at once.
 */
@VerifiesCredential()
@Injectable()
export class OAuthTokenCredential implements CredentialVerifier {
  readonly kind = 'oauth' as const;

  constructor(
    private readonly tokens: AccessTokenRecords,
    private readonly snapshots: UserSnapshots,
  ) {}

  recognises(credential: PresentedCredential): boolean {
    return credential.transport === 'bearer' && OPAQUE_TOKEN.test(credential.value);
  }

  async verify(context: ExecutionContext): Promise<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = await this.tokens.find(credentialOf(request)?.value ?? '');
    if (!token) throw new AppError('auth.token_invalid');
    const owner = await this.snapshots.get(token.accountId);
    if (!owner) throw new AppError('auth.token_invalid');
    if (!owner.active) throw new AppError('user.disabled');
    request.user = principalOf(token, owner);
    return true;
  }
}

/**
 * One principal per cached token and owner snapshot, as for keys: its grant object is what the
 * workspace of the call is memoised on, so a warm token's workspace is answered synchronously.
 */
const principals = new WeakMap<VerifiableAccessToken, { owner: UserSnapshot; principal: OAuthPrincipal }>();

function principalOf(token: VerifiableAccessToken, owner: UserSnapshot): OAuthPrincipal {
  const known = principals.get(token);
  if (known?.owner === owner) return known.principal;
  const { permissions: instancePermissions, ...user } = owner;
  const principal: OAuthPrincipal = {
    user,
    authMethod: 'oauth',
    permissions: effectivePermissions(instancePermissions, token.scopes),
    grant: { grantId: token.grantId, clientId: token.clientId, workspaceId: token.workspaceId, scopes: token.scopes },
  };
  principals.set(token, { owner, principal });
  return principal;
}
